package io.flopx.matching.service;

import io.flopx.matching.engine.EngineState;
import io.flopx.matching.wire.BookSummary;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The markets of one partition of {@code market-commands} after applying its commands up to (not
 * including) {@code nextOffset}, every one of whose effects was already published: recovery restores it
 * and replays the log only from there. Plain values, written as JSON.
 */
public record MarketSnapshot(String topic, int partition, long nextOffset, long takenAtMillis, List<Hub> hubs) {

    /** One hub's market: its engine and everything that keeps commands from acting twice. */
    public record Hub(
            String hub,
            EngineState engine,
            Map<String, Long> inputsApplied,
            List<AgedMemory.Aged<UUID, Long>> orderVersions,
            List<AgedMemory.Aged<String, Boolean>> sweptHops,
            List<AgedMemory.Aged<UUID, Boolean>> cancelledBeforeArrival,
            List<AgedMemory.Aged<UUID, String>> amendedBeforeArrival,
            List<AgedMemory.Aged<UUID, Boolean>> placedHere,
            List<AgedMemory.Aged<UUID, Boolean>> withdrawnHere,
            Map<UUID, String> movable,
            Map<String, Tape> tapes) {}

    /** A trade tape: totals since the log began and the recent trades, newest first. */
    public record Tape(long trades, long deviceHours, long turnover, List<BookSummary.Trade> recent) {}
}
