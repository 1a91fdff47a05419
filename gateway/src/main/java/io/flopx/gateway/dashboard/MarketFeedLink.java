package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One open dashboard's link to matching-service's market feed: keeps the latest frame, and connects again
 * a second after the feed fails or ends (matching-service restarting), until the dashboard closes. Until
 * a frame comes, and while the feed is down, the dashboard gets an empty market marked unavailable, so
 * that it still shows the services' health.
 */
final class MarketFeedLink {

    static final Duration RECONNECT = Duration.ofSeconds(1);
    /** The market part of a frame when matching-service's feed is not there. */
    static final Map<String, Object> UNAVAILABLE = Map.of(
            "marketFeed",
            "unavailable",
            "books",
            List.of(),
            "hubs",
            Map.of(),
            "trades",
            List.of(),
            "index",
            Map.of(),
            "matchLatency",
            List.of());

    private final MatchingOps ops;
    private final String authorization;
    private final Runnable refused;
    private volatile Map<String, Object> latest = UNAVAILABLE;
    private volatile boolean closed;
    private Cancellable subscription;

    /**
     * @param refused what to do when matching-service refuses the caller's token (it expired while the page
     *                stayed open): the page's stream ends, and the browser reconnects with a fresh one
     */
    MarketFeedLink(MatchingOps ops, String authorization, Runnable refused) {
        this.ops = ops;
        this.authorization = authorization;
        this.refused = refused;
    }

    Map<String, Object> latest() {
        return latest;
    }

    synchronized void open() {
        if (closed) {
            return;
        }
        subscription = ops.stream(authorization).subscribe().with(frame -> latest = frame, this::failed, this::ended);
    }

    private void failed(Throwable failure) {
        latest = UNAVAILABLE;
        if (failure instanceof WebApplicationException e
                && (e.getResponse().getStatus() == 401 || e.getResponse().getStatus() == 403)) {
            refused.run();
            return;
        }
        reconnectLater();
    }

    private void ended() {
        latest = UNAVAILABLE;
        reconnectLater();
    }

    private void reconnectLater() {
        if (!closed) {
            Infrastructure.getDefaultWorkerPool().schedule(this::open, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
