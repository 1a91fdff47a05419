package io.flopx.matching.service;

import io.flopx.matching.wire.BookSummary.Trade;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The trades of one model in one hub: totals since the log began and the most recent ones. */
final class TradeTape {

    static final int RECENT = 20;

    long trades;
    long deviceHours;
    long turnover;
    private final Deque<Trade> recent = new ArrayDeque<>();

    void record(Trade t) {
        trades++;
        deviceHours += t.devices() * t.hours();
        turnover += t.devices() * t.hours() * t.pricePerDeviceHour();
        recent.addFirst(t);
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    MarketSnapshot.Tape state() {
        return new MarketSnapshot.Tape(trades, deviceHours, turnover, recent());
    }

    static TradeTape of(MarketSnapshot.Tape state) {
        TradeTape tape = new TradeTape();
        tape.trades = state.trades();
        tape.deviceHours = state.deviceHours();
        tape.turnover = state.turnover();
        tape.recent.addAll(state.recent());
        return tape;
    }

    /** Newest first. */
    List<Trade> recent() {
        return new ArrayList<>(recent);
    }

    Long lastPrice() {
        return recent.isEmpty() ? null : recent.peekFirst().pricePerDeviceHour();
    }
}
