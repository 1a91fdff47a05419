package io.flopx.matching.engine;

import java.util.List;
import java.util.UUID;

/**
 * Everything an engine knows, as plain values: what a snapshot of a market stores, and what
 * {@link MatchingEngine#indexed(EngineState)} rebuilds an engine from. Lists keep the engine's own order
 * (arrival), so a restored engine iterates, decides and hashes exactly as the one it was taken from.
 */
public record EngineState(
        long sequence, List<Offering> offerings, List<Resting> resting, List<UUID> seenOrders, List<UUID> withdrawn) {

    /** An offering in the book, with the devices leased in each of its hour slots from its first. */
    public record Offering(OfferingSpec spec, long version, long sequence, int[] leased) {}

    /** A resting order: what is left of it, its priority, its gang's place (null if not a gang), its fills so far. */
    public record Resting(OrderSpec spec, long sequence, Gang gang, int fills, long filled) {}

    /** Where a gang runs; {@code start} is -1 until its first devices are leased. */
    public record Gang(UUID site, String model, long start) {}
}
