package io.flopx.settlement.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flopx.settlement.domain.DeliveryRecord;
import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.domain.Outage;
import io.flopx.settlement.domain.SlaCredits;
import io.flopx.settlement.domain.SlotVerdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code delivery-events}, keyed by fill (lease): each delivery record as it is made
 * (LEASE_STARTED, HOUR_REPORTED, OUTAGE_REPORTED, DISPUTE_OPENED, DISPUTE_DECIDED), and after each change of a
 * lease's verdicts or credits a LEASE_DELIVERY summary (the latest per key is the lease's state: what
 * reliability scores are computed from). Fields a type does not use are left out. Guarded by the contract
 * fixture {@code contracts/lease-delivery.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryEvent(
        String type,
        UUID fillId,
        UUID offeringId,
        String provider,
        String buyer,
        String hub,
        Instant at,
        String reportedBy,
        // LEASE_DELIVERY
        Integer devices,
        Instant start,
        Instant end,
        Integer availabilityBps,
        Integer slotsJudged,
        Long judgedDeviceHours,
        Long deliveredDeviceHours,
        Long undeliveredDeviceHours,
        Integer outages,
        Long outageMinutes,
        Integer disputesUpheld,
        String currency,
        Long credited,
        Long penalty,
        // the records
        List<String> deviceIds,
        Instant slotStart,
        Integer devicesAvailable,
        Instant outageStart,
        Instant outageEnd,
        Integer outageDevices,
        String cause,
        UUID disputeId,
        String disputeState,
        String reason) {

    public static final String LEASE_STARTED = "LEASE_STARTED";
    public static final String HOUR_REPORTED = "HOUR_REPORTED";
    public static final String OUTAGE_REPORTED = "OUTAGE_REPORTED";
    public static final String DISPUTE_OPENED = "DISPUTE_OPENED";
    public static final String DISPUTE_DECIDED = "DISPUTE_DECIDED";
    public static final String LEASE_DELIVERY = "LEASE_DELIVERY";

    /** A lease's delivery as its verdicts and credits stand. */
    public static DeliveryEvent summary(
            Lease l,
            Integer availabilityBps,
            List<SlotVerdict> verdicts,
            SlaCredits credits,
            DeliveryRecord record,
            Instant at) {
        int judgedSlots = 0;
        long judged = 0;
        long undelivered = 0;
        for (SlotVerdict v : verdicts) {
            if (v.judged()) {
                judgedSlots++;
                judged += v.devices();
                undelivered += v.undelivered();
            }
        }
        return new DeliveryEvent(
                LEASE_DELIVERY,
                l.fillId(),
                l.offeringId(),
                l.provider(),
                l.buyer(),
                l.hub(),
                at,
                null,
                l.devices(),
                l.start(),
                l.end(),
                availabilityBps,
                judgedSlots,
                judged,
                judged - undelivered,
                undelivered,
                record.outages().size(),
                outageMinutes(l, record),
                record.disputesAccepted().size(),
                l.currency(),
                credits.credited(),
                credits.penalty(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Minutes of outages within the lease, each outage counted apart (two devices down an hour: 60 each). */
    static long outageMinutes(Lease l, DeliveryRecord record) {
        long minutes = 0;
        for (Outage o : record.outages()) {
            Instant from = o.start().isAfter(l.start()) ? o.start() : l.start();
            Instant to = o.end().isBefore(l.end()) ? o.end() : l.end();
            if (to.isAfter(from)) {
                minutes += java.time.Duration.between(from, to).toMinutes();
            }
        }
        return minutes;
    }

    /** A delivery record as it was made: {@code type} and the fields it uses. */
    public static DeliveryEvent record(String type, Lease l, String reportedBy, Instant at, Details d) {
        return new DeliveryEvent(
                type,
                l.fillId(),
                l.offeringId(),
                l.provider(),
                l.buyer(),
                l.hub(),
                at,
                reportedBy,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                d.deviceIds(),
                d.slotStart(),
                d.devicesAvailable(),
                d.outageStart(),
                d.outageEnd(),
                d.outageDevices(),
                d.cause(),
                d.disputeId(),
                d.disputeState(),
                d.reason());
    }

    /** What a record says (null where it says nothing). */
    public record Details(
            List<String> deviceIds,
            Instant slotStart,
            Integer devicesAvailable,
            Instant outageStart,
            Instant outageEnd,
            Integer outageDevices,
            String cause,
            UUID disputeId,
            String disputeState,
            String reason) {

        public static Details started(List<String> deviceIds) {
            return new Details(deviceIds, null, null, null, null, null, null, null, null, null);
        }

        public static Details hour(Instant slot, int available) {
            return new Details(null, slot, available, null, null, null, null, null, null, null);
        }

        public static Details outage(Instant start, Instant end, int devices, String cause) {
            return new Details(null, null, null, start, end, devices, cause, null, null, null);
        }

        public static Details dispute(UUID id, Instant slot, String state, String reason) {
            return new Details(null, slot, null, null, null, null, null, id, state, reason);
        }
    }
}
