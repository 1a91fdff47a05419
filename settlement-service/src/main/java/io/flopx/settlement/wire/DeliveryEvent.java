package io.flopx.settlement.wire;

import io.flopx.settlement.domain.DeliveryRecord;
import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.domain.Outage;
import io.flopx.settlement.domain.SlaCredits;
import io.flopx.settlement.domain.SlotVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lease's delivery summary, published on {@code delivery-events} (key: the lease) after each change of its
 * verdicts or SLA credits: the latest per key is the lease's state, what reliability scores are computed from.
 * The records themselves travel on the same topic as {@link DeliveryRecordEvent}. Guarded by the contract
 * fixture {@code contracts/lease-delivery.json}.
 */
public record DeliveryEvent(
        String type,
        UUID fillId,
        UUID offeringId,
        String provider,
        String buyer,
        String hub,
        Instant at,
        int devices,
        Instant start,
        Instant end,
        Integer availabilityBps,
        int slotsJudged,
        long judgedDeviceHours,
        long deliveredDeviceHours,
        long undeliveredDeviceHours,
        int outages,
        long outageMinutes,
        int disputesUpheld,
        String currency,
        long credited,
        long penalty) {

    public static final String LEASE_DELIVERY = "LEASE_DELIVERY";

    /**
     * A lease's delivery as its verdicts and credits stand; {@code provider} is who delivers it (for a resale,
     * the original provider, whose reliability it counts in).
     */
    public static DeliveryEvent summary(
            Lease l,
            String provider,
            Integer availabilityBps,
            List<SlotVerdict> verdicts,
            SlaCredits credits,
            DeliveryRecord record,
            Instant at) {
        SlotVerdict.Judged judged = SlotVerdict.Judged.of(verdicts);
        return new DeliveryEvent(
                LEASE_DELIVERY,
                l.fillId(),
                l.offeringId(),
                provider,
                l.buyer(),
                l.hub(),
                at,
                l.devices(),
                l.start(),
                l.end(),
                availabilityBps,
                judged.slots(),
                judged.deviceHours(),
                judged.delivered(),
                judged.undelivered(),
                record.outages().size(),
                outageMinutes(l, record),
                record.disputesAccepted().size(),
                l.currency(),
                credits.credited(),
                credits.penalty());
    }

    /** Minutes of outages within the lease, each outage counted apart (two devices down an hour: 60 each). */
    static long outageMinutes(Lease l, DeliveryRecord record) {
        long minutes = 0;
        for (Outage o : record.outages()) {
            Instant from = o.start().isAfter(l.start()) ? o.start() : l.start();
            Instant to = o.end().isBefore(l.end()) ? o.end() : l.end();
            if (to.isAfter(from)) {
                minutes += Duration.between(from, to).toMinutes();
            }
        }
        return minutes;
    }
}
