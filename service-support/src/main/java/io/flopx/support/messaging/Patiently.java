package io.flopx.support.messaging;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a Kafka consumer applies one event it must not set aside for a passing outage (the database
 * restarting, say): retried with back-off from 200 ms up to 10 s between tries, for five minutes, before the
 * failure reaches the channel's failure strategy (its dead-letter topic). A PermanentFailure is not retried.
 */
public final class Patiently {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofMinutes(5);

    private Patiently() {}

    /** {@code work}, subscribed afresh on each try. */
    public static <T> Uni<T> apply(Supplier<Uni<? extends T>> work) {
        return apply(work, RETRY_FIRST, RETRY_FOR);
    }

    static <T> Uni<T> apply(Supplier<Uni<? extends T>> work, Duration firstRetry, Duration retryFor) {
        return Uni.createFrom()
                .deferred(work)
                .onFailure(e -> !(e instanceof PermanentFailure))
                .retry()
                .withBackOff(firstRetry, RETRY_MAX)
                .expireIn(retryFor.toMillis());
    }

    /**
     * How a consumer applies what one poll returned: all at once (one transaction, one commit), and if that
     * fails, each item on its own, in order and patiently, so that one bad item does not hold back the
     * others and a passing outage sets nothing aside. An item that still fails after the retries fails the
     * whole, which then reaches the channel's failure strategy (its dead-letter topic).
     */
    public static <T> Uni<Void> batchThenEach(
            List<T> items, Function<List<T>, Uni<Void>> batch, Function<T, Uni<Void>> each) {
        return batchThenEach(items, batch, each, RETRY_FIRST, RETRY_FOR);
    }

    static <T> Uni<Void> batchThenEach(
            List<T> items,
            Function<List<T>, Uni<Void>> batch,
            Function<T, Uni<Void>> each,
            Duration firstRetry,
            Duration retryFor) {
        return Uni.createFrom().deferred(() -> batch.apply(items)).onFailure().recoverWithUni(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (T item : items) {
                chain = chain.chain(() -> apply(() -> each.apply(item), firstRetry, retryFor));
            }
            return chain;
        });
    }
}
