package io.flopx.order.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A standing procurement plan: keep {@code devices} devices of any of {@code models} (in any of {@code hubs},
 * or any hub) for every hour slot in [startsAt, endsAt), at most {@code limitPrice} per device-hour, buying up
 * to {@code aheadHours} ahead, never committing more than {@code budget} (minor units: what fills cost plus
 * what open orders hold). Optionally only from offerings with a delivery record ({@code minReliabilityBps}).
 */
public record ProcurementPlan(
        UUID id,
        String tenant,
        String name,
        List<String> models,
        List<String> hubs,
        int devices,
        Instant startsAt,
        Instant endsAt,
        int aheadHours,
        long limitPrice,
        String currency,
        Integer minReliabilityBps,
        long budget,
        PlanStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The hour slots the plan wants covered as of {@code now}: from the first whole hour after it was made (or
     * its start, if later) to its end or {@code aheadHours} ahead of now, whichever is first.
     */
    public List<Instant> hoursWithinReach(Instant now) {
        Instant first = later(startsAt, createdAt.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
        Instant last = earlier(endsAt, now.plus(aheadHours, ChronoUnit.HOURS));
        return hours(first, last);
    }

    /** The hour slots still to buy as of {@code now}: those within reach that have not started. */
    public List<Instant> hoursToBuy(Instant now) {
        Instant next = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        return hoursWithinReach(now).stream().filter(h -> !h.isBefore(next)).toList();
    }

    public ProcurementPlan with(int newDevices, PlanStatus newStatus, String reason, Instant at) {
        return new ProcurementPlan(
                id,
                tenant,
                name,
                models,
                hubs,
                newDevices,
                startsAt,
                endsAt,
                aheadHours,
                limitPrice,
                currency,
                minReliabilityBps,
                budget,
                newStatus,
                reason,
                createdAt,
                at);
    }

    private static List<Instant> hours(Instant from, Instant until) {
        List<Instant> hours = new java.util.ArrayList<>();
        for (Instant h = from; h.isBefore(until); h = h.plus(1, ChronoUnit.HOURS)) {
            hours.add(h);
        }
        return hours;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
