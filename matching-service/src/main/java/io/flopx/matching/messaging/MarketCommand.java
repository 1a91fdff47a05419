package io.flopx.matching.messaging;

/**
 * One entry of {@code market-commands}, the matcher's own log: an offering event, an order event (their
 * JSON exactly as received) or a tick of the clock. The engine consumes only this log, in its order, so
 * replaying it rebuilds the same book and yields the same events.
 */
public record MarketCommand(String kind, String payload, Long atSecond) {

    public static final String OFFERING = "OFFERING";
    public static final String ORDER = "ORDER";
    public static final String CLOCK = "CLOCK";
}
