package io.flopx.settlement.domain;

import java.util.List;
import java.util.Map;

/**
 * The money a lease's delivery verdicts imply, as cumulative targets (so rounding never drifts and every
 * step moves only the difference; see {@link Lease#settleTo}):
 *
 * <ul>
 *   <li>escrow is released slot by slot, in order, once a slot is judged ({@code slots}, a prefix);
 *   <li>the buyer is credited every undelivered device-hour known so far at the trade price ({@code cost *
 *       undelivered / (devices * hours)}, rounded down), judged or not: an outage reported mid-lease is
 *       credited when reported;
 *   <li>once the undelivered device-hours exceed what the offering's commitment allows over the whole lease
 *       (it can no longer be met), the credit grows by the tier's multiplier times that value, taken from the
 *       provider's share of the released slots (never below zero), so credits never exceed the lease's cost;
 *   <li>the provider's gross ({@code gross}) is the released slots' value less their credits and the
 *       penalty; the fee is taken from it.
 * </ul>
 *
 * @param slots hour slots released from escrow (all judged, in order)
 * @param credited what the buyer got back in all, penalty included
 * @param penalty the part of {@code credited} owed to the missed commitment
 * @param gross the provider's share of the released slots, before the fee
 * @param missed whether the commitment can no longer be met (its penalty grows as slots are released)
 */
public record SlaCredits(int slots, long credited, long penalty, long gross, boolean missed) {

    /** The exchange's credit schedule: the multiplier per availability tier (basis points), 1 for others. */
    public record Schedule(Map<Integer, Integer> multiplierByTier) {

        public static final Schedule DEFAULT = new Schedule(Map.of(9900, 1, 9950, 2, 9990, 3));

        int multiplier(Integer availabilityBps) {
            return availabilityBps == null ? 0 : multiplierByTier.getOrDefault(availabilityBps, 1);
        }
    }

    public static SlaCredits of(Lease lease, List<SlotVerdict> verdicts, Integer availabilityBps, Schedule schedule) {
        int hours = lease.hours();
        long deviceHours = (long) lease.devices() * hours;
        int prefix = 0;
        while (prefix < verdicts.size() && verdicts.get(prefix).judged()) {
            prefix++;
        }
        long undeliveredInPrefix = 0;
        long undelivered = 0;
        for (int i = 0; i < verdicts.size(); i++) {
            undelivered += verdicts.get(i).undelivered();
            if (i < prefix) {
                undeliveredInPrefix += verdicts.get(i).undelivered();
            }
        }
        long credit = value(lease.cost(), undelivered, deviceHours);
        long creditInPrefix = value(lease.cost(), undeliveredInPrefix, deviceHours);
        long prefixValue = Math.multiplyExact(lease.cost(), (long) prefix) / hours;
        boolean missed = availabilityBps != null
                && Math.multiplyExact(undelivered, (long) Lease.BPS)
                        > Math.multiplyExact(deviceHours, (long) (Lease.BPS - availabilityBps));
        long penaltyDue = missed ? Math.multiplyExact(credit, (long) schedule.multiplier(availabilityBps)) : 0;
        long providersShare = Math.max(0, prefixValue - creditInPrefix);
        long penalty = Math.min(penaltyDue, providersShare);
        return new SlaCredits(prefix, credit + penalty, penalty, providersShare - penalty, missed);
    }

    private static long value(long cost, long deviceHoursUndelivered, long deviceHours) {
        return Math.multiplyExact(cost, deviceHoursUndelivered) / deviceHours;
    }
}
