package io.flopx.catalog.domain;

/**
 * A provider's or a site's delivery over the last 30 days (leases that ended in them or are under way), from
 * what its agents reported and what settlement judged: delivered ÷ judged device-hours, outages, and the share
 * of leases with an upheld dispute. Without any judged hour there is no score ("no history"), never a perfect
 * one.
 */
public record Reliability(
        long leases,
        long judgedDeviceHours,
        long deliveredDeviceHours,
        long outages,
        long outageMinutes,
        long leasesWithDisputesUpheld) {

    public static final Reliability NO_HISTORY = new Reliability(0, 0, 0, 0, 0, 0);
    public static final int WINDOW_DAYS = 30;
    private static final long BPS = 10_000;

    public boolean hasHistory() {
        return judgedDeviceHours > 0;
    }

    /** Delivered ÷ judged device-hours in basis points (rounded down), null without history. */
    public Integer scoreBps() {
        return hasHistory() ? (int) (deliveredDeviceHours * BPS / judgedDeviceHours) : null;
    }

    /** Leases with an upheld dispute ÷ leases, in basis points, null without leases. */
    public Integer disputeRateBps() {
        return leases == 0 ? null : (int) (leasesWithDisputesUpheld * BPS / leases);
    }
}
