package io.flopx.gateway.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The dashboard's money, as it polls anything else a service answers (reliability, open disputes). */
class PolledLinkTest {

    static final List<Map<String, Object>> TOTALS = List.of(Map.of("currency", "CNY", "paidIn", 150_000_000L));

    @Test
    void asksAtOnceWithTheOperatorsTokenThenEveryFewSecondsAndDropsTotalsWhileRefused() {
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<Boolean> answering = new AtomicReference<>(true);
        Function<String, Uni<List<Map<String, Object>>>> totals = auth -> {
            asked.incrementAndGet();
            authorization.set(auth);
            return answering.get()
                    ? Uni.createFrom().item(TOTALS)
                    : Uni.createFrom().failure(new IllegalStateException("settlement-service away"));
        };
        PolledLink<List<Map<String, Object>>> link =
                new PolledLink<>(() -> totals.apply("Bearer operator"), List.of(), Duration.ofSeconds(2));
        try {
            link.open();
            // The first totals arrive right away, not after the first interval.
            await().atMost(Duration.ofMillis(1_500)).until(() -> link.latest().equals(TOTALS));
            assertEquals("Bearer operator", authorization.get());
            answering.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> link.latest().isEmpty());
            answering.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> link.latest().equals(TOTALS));
        } finally {
            link.close();
        }
        int after = asked.get();
        await().pollDelay(Duration.ofMillis(2_500))
                .atMost(Duration.ofSeconds(4))
                .until(() -> true);
        assertEquals(after, asked.get(), "asked again after the page closed");
    }
}
