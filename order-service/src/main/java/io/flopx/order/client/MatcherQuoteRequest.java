package io.flopx.order.client;

import io.flopx.order.domain.ComputeOrder;
import java.time.Instant;
import java.util.List;

/** An order in the matcher's integer units, as matching-service's quote endpoint takes it. */
public record MatcherQuoteRequest(
        String kind,
        List<String> models,
        Integer devices,
        Long throughputGflops,
        String precision,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPrice,
        String currency,
        List<String> allowedHubs,
        Integer maxPueMilli,
        Integer minGreenRating,
        String interconnect,
        boolean sameSite,
        String fillPolicy,
        Long minFill,
        Integer minReliabilityBps) {

    public static MatcherQuoteRequest of(ComputeOrder o) {
        return new MatcherQuoteRequest(
                o.kind.name(),
                List.copyOf(o.models),
                o.devices,
                o.throughputGflops,
                o.precision == null ? null : o.precision.name(),
                o.durationHours,
                o.earliestStart,
                o.latestStart,
                o.limitPrice,
                o.currency,
                List.copyOf(o.allowedHubs),
                o.maxPueMilli,
                o.minGreenRating,
                o.interconnect,
                o.sameSite,
                o.fillPolicy.name(),
                o.minFill,
                o.minReliabilityBps);
    }
}
