package io.flopx.matching.engine;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Demand entering the book. DEVICES orders want {@code quantity} devices of any of {@code models}, limit
 * per device-hour; THROUGHPUT orders want {@code quantity} GFLOPS at {@code precision} from any mix of
 * models, limit per PFLOP-hour. Starts at any hour in [earliestStartHour, latestStartHour]. Empty sets
 * and null constraints allow anything. {@code goodTillSecond} is 0 for immediate-or-cancel.
 * {@code minReliabilityBps} admits only offerings with a delivery record at least that good: one without
 * history never passes it, so a buyer who asks for a record gets one.
 */
public record OrderSpec(
        UUID id,
        String tenant,
        boolean throughput,
        Set<String> models,
        long quantity,
        String precision,
        int durationHours,
        long earliestStartHour,
        long latestStartHour,
        long limitPrice,
        String currency,
        Set<String> allowedHubs,
        Integer maxPueMilli,
        Integer minGreenRating,
        String interconnect,
        boolean sameSite,
        boolean partial,
        long minFill,
        boolean immediateOrCancel,
        long goodTillSecond,
        Integer minReliabilityBps) {

    /** A plain all-or-none, good-till devices order for one model. */
    public static OrderSpec devices(
            UUID id,
            String tenant,
            String model,
            int devices,
            int hours,
            long earliest,
            long latest,
            long limit,
            String currency,
            Set<String> hubs) {
        return new OrderSpec(
                id,
                tenant,
                false,
                Set.of(model),
                devices,
                null,
                hours,
                earliest,
                latest,
                limit,
                currency,
                hubs,
                null,
                null,
                null,
                false,
                false,
                devices,
                false,
                Long.MAX_VALUE,
                null);
    }

    /** The same order for a smaller quantity (what is left of it): its minimum fill never exceeds it. */
    public OrderSpec withQuantity(long remaining) {
        if (remaining == quantity) {
            return this;
        }
        return new OrderSpec(
                id,
                tenant,
                throughput,
                models,
                remaining,
                precision,
                durationHours,
                earliestStartHour,
                latestStartHour,
                limitPrice,
                currency,
                allowedHubs,
                maxPueMilli,
                minGreenRating,
                interconnect,
                sameSite,
                partial,
                Math.min(minFill, remaining),
                immediateOrCancel,
                goodTillSecond,
                minReliabilityBps);
    }

    public OrderSpec withLimitPrice(long limit) {
        return new OrderSpec(
                id,
                tenant,
                throughput,
                models,
                quantity,
                precision,
                durationHours,
                earliestStartHour,
                latestStartHour,
                limit,
                currency,
                allowedHubs,
                maxPueMilli,
                minGreenRating,
                interconnect,
                sameSite,
                partial,
                minFill,
                immediateOrCancel,
                goodTillSecond,
                minReliabilityBps);
    }

    /**
     * The same order from no tenant, so that no offering is its own: a provider's or operator's quote previews
     * what a buyer would get, the provider's own capacity included.
     */
    public OrderSpec fromNoTenant() {
        return new OrderSpec(
                id,
                null,
                throughput,
                models,
                quantity,
                precision,
                durationHours,
                earliestStartHour,
                latestStartHour,
                limitPrice,
                currency,
                allowedHubs,
                maxPueMilli,
                minGreenRating,
                interconnect,
                sameSite,
                partial,
                minFill,
                immediateOrCancel,
                goodTillSecond,
                minReliabilityBps);
    }

    public OrderSpec withAllowedHubs(Set<String> hubs) {
        return new OrderSpec(
                id,
                tenant,
                throughput,
                models,
                quantity,
                precision,
                durationHours,
                earliestStartHour,
                latestStartHour,
                limitPrice,
                currency,
                hubs,
                maxPueMilli,
                minGreenRating,
                interconnect,
                sameSite,
                partial,
                minFill,
                immediateOrCancel,
                goodTillSecond,
                minReliabilityBps);
    }

    public OrderSpec withLatestStartHour(long latest) {
        return new OrderSpec(
                id,
                tenant,
                throughput,
                models,
                quantity,
                precision,
                durationHours,
                earliestStartHour,
                latest,
                limitPrice,
                currency,
                allowedHubs,
                maxPueMilli,
                minGreenRating,
                interconnect,
                sameSite,
                partial,
                minFill,
                immediateOrCancel,
                goodTillSecond,
                minReliabilityBps);
    }

    /** The same order with its sets sorted: its text is the same in every JVM (for the state hash). */
    String canonical() {
        return new OrderSpec(
                        id,
                        tenant,
                        throughput,
                        new TreeSet<>(models),
                        quantity,
                        precision,
                        durationHours,
                        earliestStartHour,
                        latestStartHour,
                        limitPrice,
                        currency,
                        new TreeSet<>(allowedHubs),
                        maxPueMilli,
                        minGreenRating,
                        interconnect,
                        sameSite,
                        partial,
                        minFill,
                        immediateOrCancel,
                        goodTillSecond,
                        minReliabilityBps)
                .toString();
    }

    boolean accepts(OfferingSpec s) {
        return notOwn(s)
                && (models.isEmpty() || models.contains(s.model()))
                && s.currency().equals(currency)
                && (allowedHubs.isEmpty() || allowedHubs.contains(s.hub()))
                && (maxPueMilli == null || s.pueMilli() <= maxPueMilli)
                && (minGreenRating == null || s.greenRating() >= minGreenRating)
                && (interconnect == null || interconnect.equals(s.interconnect()))
                && reliableEnough(s)
                && (!throughput || s.peak(precision) != null && s.peak(precision) > 0);
    }

    /**
     * No self-trade: an order never meets an offering of its own tenant (an enterprise's resale listing of hours
     * it holds), as exchanges prevent wash trades.
     */
    public boolean notOwn(OfferingSpec s) {
        return tenant == null || !tenant.equals(s.tenant());
    }

    /** Whether the offering's delivery record meets the order's minimum (without one it does not). */
    public boolean reliableEnough(OfferingSpec s) {
        return minReliabilityBps == null || s.reliabilityBps() != null && s.reliabilityBps() >= minReliabilityBps;
    }

    /** Whether the offering's ask is within the limit, compared exactly (no rounding) for throughput. */
    boolean withinLimit(OfferingSpec s) {
        return throughput
                ? s.pricePerDeviceHour() * 1_000_000 <= limitPrice * s.peak(precision)
                : s.pricePerDeviceHour() <= limitPrice;
    }

    /** The offering's price in this order's unit, for ranking: per device-hour, or per PFLOP-hour (rounded). */
    long priceOf(OfferingSpec s) {
        if (!throughput) {
            return s.pricePerDeviceHour();
        }
        return pricePerPflopHour(s, s.peak(precision));
    }

    /** An offering's price per PFLOP-hour for devices of {@code peakGflops}, rounded half up. */
    static long pricePerPflopHour(OfferingSpec s, long peakGflops) {
        return (s.pricePerDeviceHour() * 1_000_000 + peakGflops / 2) / peakGflops;
    }

    /** Devices of this offering that deliver {@code units} of this order's quantity (rounded up). */
    long devicesFor(OfferingSpec s, long units) {
        if (!throughput) {
            return units;
        }
        long peak = s.peak(precision);
        return (units + peak - 1) / peak;
    }

    long unitsOf(OfferingSpec s, long devices) {
        return throughput ? devices * s.peak(precision) : devices;
    }
}
