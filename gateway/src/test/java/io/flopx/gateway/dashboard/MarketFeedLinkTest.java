package io.flopx.gateway.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dashboard's link to matching-service's feed, against a stand-in whose answers the test scripts. */
class MarketFeedLinkTest {

    /** Answers each call to {@code stream} with the next scripted stream. */
    static final class ScriptedOps implements MatchingOps {
        final Deque<Multi<Map<String, Object>>> script = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile String authorization;

        @Override
        public synchronized Multi<Map<String, Object>> stream(String authorization) {
            this.authorization = authorization;
            calls.incrementAndGet();
            return script.isEmpty() ? Multi.createFrom().nothing() : script.poll();
        }
    }

    @Test
    void framesArriveWithTheOperatorsTokenAndAFailedFeedIsMarkedAndRetried() {
        ScriptedOps ops = new ScriptedOps();
        ops.script.add(Multi.createFrom()
                .<Map<String, Object>>item(Map.of("fillsTotal", 7))
                .onCompletion()
                .failWith(new IllegalStateException("matching-service went away")));
        ops.script.add(Multi.createBy()
                .concatenating()
                .streams(
                        Multi.createFrom().item(Map.of("fillsTotal", 8)),
                        Multi.createFrom().nothing())); // one frame, then open

        MarketFeedLink link = new MarketFeedLink(ops, "Bearer t0k3n", () -> {
            throw new AssertionError("not refused");
        });
        assertEquals(MarketFeedLink.UNAVAILABLE, link.latest(), "before the first frame");
        link.open();
        assertEquals("Bearer t0k3n", ops.authorization);
        // The first stream fails after one frame: unavailable, then a second connection a second later.
        await().atMost(Duration.ofSeconds(5)).until(() -> ops.calls.get() >= 2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Integer.valueOf(8).equals(link.latest().get("fillsTotal")));
        assertEquals(2, ops.calls.get());
        link.close();
        int calls = ops.calls.get();
        try {
            Thread.sleep(MarketFeedLink.RECONNECT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(calls, ops.calls.get(), "a closed link connected again");
    }

    @Test
    void aRefusedTokenEndsThePagesStreamInsteadOfRetrying() {
        ScriptedOps ops = new ScriptedOps();
        ops.script.add(Multi.createFrom().failure(new WebApplicationException(401)));
        AtomicInteger refused = new AtomicInteger();
        MarketFeedLink link = new MarketFeedLink(ops, "Bearer expired", refused::incrementAndGet);
        link.open();
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.get() == 1);
        assertEquals(MarketFeedLink.UNAVAILABLE, link.latest());
        try {
            Thread.sleep(MarketFeedLink.RECONNECT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(ops.calls.get() == 1, "retried a refused token: " + ops.calls.get() + " calls");
        link.close();
    }
}
