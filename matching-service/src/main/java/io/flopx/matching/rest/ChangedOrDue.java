package io.flopx.matching.rest;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * One subscriber's filter over frames looked at every tick: a frame goes out when the market changed, and
 * otherwise at least every {@code heartbeat}, so that a quiet market still tells the client (and every proxy
 * on the way) that the stream is alive. The first frame always goes out.
 */
final class ChangedOrDue implements Predicate<MarketFrame> {

    private final long heartbeatNanos;
    private MarketFrame sent;
    private long sentAt;

    ChangedOrDue(Duration heartbeat) {
        this.heartbeatNanos = heartbeat.toNanos();
    }

    @Override
    public synchronized boolean test(MarketFrame frame) {
        long now = System.nanoTime();
        if (frame.sameMarket(sent) && now - sentAt < heartbeatNanos) {
            return false;
        }
        sent = frame;
        sentAt = now;
        return true;
    }
}
