package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Reliability;

/**
 * A provider's or a site's reliability over the last 30 days: {@code NO_HISTORY} (nothing judged yet: no
 * score, not a perfect one) or {@code RATED} with delivered ÷ judged device-hours in basis points, outages
 * and their minutes, and the share of leases with an upheld dispute (basis points).
 */
public record ReliabilityView(
        String state,
        Integer scoreBps,
        long judgedDeviceHours,
        long deliveredDeviceHours,
        long outages,
        long outageMinutes,
        long leases,
        Integer disputeRateBps) {

    public static ReliabilityView of(Reliability r) {
        return new ReliabilityView(
                r.hasHistory() ? "RATED" : "NO_HISTORY",
                r.scoreBps(),
                r.judgedDeviceHours(),
                r.deliveredDeviceHours(),
                r.outages(),
                r.outageMinutes(),
                r.leases(),
                r.disputeRateBps());
    }
}
