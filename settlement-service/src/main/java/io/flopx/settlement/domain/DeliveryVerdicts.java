package io.flopx.settlement.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges each hour slot of a lease from its delivery records (README, "Delivery and SLA credits"):
 *
 * <ul>
 *   <li>an accepted dispute makes the slot undelivered, whatever was reported;
 *   <li>a reported slot is judged at once: undelivered = the devices not reported available, or those in
 *       reported outages (summed, at most the lease's devices), whichever is more;
 *   <li>a slot over and unreported stays pending for the grace period (see {@link #waitFor}); after it, an
 *       offering with an availability commitment counts it undelivered, a best-effort one only its outages;
 *   <li>before a slot is judged, its reported outages are already known undelivered (a lower bound).
 * </ul>
 *
 * An outage touching any part of an hour slot makes its devices undelivered for that slot: SLAs here are
 * measured in device-hours, and a device lost for part of an hour has not delivered that hour.
 */
public final class DeliveryVerdicts {

    private DeliveryVerdicts() {}

    /**
     * How long after an hour slot ends its agent may still report it before it is judged: the grace period for
     * an offering with a commitment; none for a best-effort one (an unreported hour counts as delivered, so its
     * money moves when the hour ends; a report within the grace period may still revise it).
     */
    public static Duration waitFor(DeliveryRecord record, Duration grace) {
        return record.committed() ? grace : Duration.ZERO;
    }

    /** Each hour slot's verdict by {@code now}, judging unreported slots {@code grace} after they end. */
    public static List<SlotVerdict> judge(Lease lease, DeliveryRecord record, Instant now, Duration grace) {
        int hours = lease.hours();
        int devices = lease.devices();
        List<SlotVerdict> slots = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            Instant start = lease.start().plus(Duration.ofHours(i));
            Instant end = start.plus(Duration.ofHours(1));
            int inOutages = outageDevices(record, start, end, devices);
            Integer available = record.hoursReported().get(start);
            SlotVerdict v;
            if (record.disputesAccepted().contains(start)) {
                v = SlotVerdict.judged(start, devices, devices, SlotVerdict.Basis.DISPUTE);
            } else if (available != null) {
                int missing = Math.max(0, devices - available);
                v = SlotVerdict.judged(start, devices, Math.max(missing, inOutages), SlotVerdict.Basis.REPORTED);
            } else if (!now.isBefore(end.plus(grace))) {
                v = record.committed()
                        ? SlotVerdict.judged(start, devices, devices, SlotVerdict.Basis.NO_REPORT)
                        : SlotVerdict.judged(start, devices, inOutages, SlotVerdict.Basis.BEST_EFFORT);
            } else {
                v = new SlotVerdict(
                        start, devices, SlotVerdict.State.PENDING, inOutages, SlotVerdict.Basis.AWAITING_REPORT);
            }
            slots.add(v);
        }
        return slots;
    }

    /**
     * When the verdicts can next change by time alone: the end of the first slot not judged, or, once it has
     * ended, the end of its grace period; null when every slot is judged (reports and disputes change verdicts
     * at once: whoever records them asks for a check).
     */
    public static Instant nextCheck(List<SlotVerdict> verdicts, Duration grace) {
        for (SlotVerdict v : verdicts) {
            if (!v.judged()) {
                return v.start().plus(Duration.ofHours(1)).plus(grace);
            }
        }
        return null;
    }

    private static int outageDevices(DeliveryRecord record, Instant from, Instant to, int devices) {
        long sum = 0;
        for (Outage o : record.outages()) {
            if (o.overlaps(from, to)) {
                sum += o.devices();
            }
        }
        return (int) Math.min(devices, sum);
    }
}
