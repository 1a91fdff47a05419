package io.flopx.support.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * How a Kafka consumer applies one event it must not set aside for a passing outage (the database
 * restarting, say): retried with back-off from 200 ms up to 10 s between tries, for five minutes, before the
 * failure reaches the channel's failure strategy (its dead-letter topic).
 */
public final class Patiently {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofMinutes(5);

    private Patiently() {
    }

    /** {@code work}, subscribed afresh on each try. */
    public static <T> Uni<T> apply(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().deferred(work).onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX)
                .expireIn(RETRY_FOR.toMillis());
    }
}
