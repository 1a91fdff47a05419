package io.flopx.matching.service;

import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.MarketEvent;
import java.util.List;

/** What one command decided: events to publish, and orders to forward to the next hub of their route. */
public record Outcome(List<MarketEvent> events, List<MarketCommand> forwards) {

    static final Outcome NOTHING = new Outcome(List.of(), List.of());

    static Outcome of(List<MarketEvent> events) {
        return new Outcome(events, List.of());
    }
}
