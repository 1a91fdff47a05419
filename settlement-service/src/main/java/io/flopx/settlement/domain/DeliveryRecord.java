package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the exchange knows of one lease's delivery: the offering's availability commitment, each hour slot's
 * availability its provider's agent reported (by slot start), the outages reported, and the hour slots whose
 * disputes an operator accepted.
 *
 * @param availabilityBps the commitment in basis points of the lease's device-hours, or null (best effort)
 */
public record DeliveryRecord(
        Integer availabilityBps,
        Map<Instant, Integer> hoursReported,
        List<Outage> outages,
        Set<Instant> disputesAccepted) {

    public DeliveryRecord {
        hoursReported = Map.copyOf(hoursReported);
        outages = List.copyOf(outages);
        disputesAccepted = Set.copyOf(disputesAccepted);
    }

    /** A lease nobody reported on. */
    public static DeliveryRecord none(Integer availabilityBps) {
        return new DeliveryRecord(availabilityBps, Map.of(), List.of(), Set.of());
    }

    /** Whether its offering committed to an availability (its agents must then report every hour). */
    public boolean committed() {
        return availabilityBps != null;
    }

    public boolean isEmpty() {
        return hoursReported.isEmpty() && outages.isEmpty() && disputesAccepted.isEmpty();
    }
}
