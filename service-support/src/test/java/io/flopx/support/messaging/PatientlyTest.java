package io.flopx.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A consumer's path for what one poll returned: all at once, else each on its own, patiently. */
class PatientlyTest {

    private static final Duration FIRST_RETRY = Duration.ofMillis(10);
    private final List<String> appliedOneByOne = new CopyOnWriteArrayList<>();

    @Test
    void aBatchThatSucceedsIsAppliedOnceAsAWhole() {
        AtomicInteger batches = new AtomicInteger();
        run(
                List.of("a", "b"),
                items -> {
                    batches.incrementAndGet();
                    return Uni.createFrom().voidItem();
                },
                this::apply,
                Duration.ofSeconds(5));
        assertEquals(1, batches.get());
        assertEquals(List.of(), appliedOneByOne);
    }

    @Test
    void aFailedBatchIsAppliedItemByItemInOrder() {
        run(List.of("a", "bad", "c"), PatientlyTest::failing, this::apply, Duration.ofSeconds(5));
        assertEquals(List.of("a", "bad", "c"), appliedOneByOne);
    }

    @Test
    void anItemFailingForAWhileIsRetriedAndNothingIsSetAside() {
        AtomicInteger outage = new AtomicInteger(3); // the database away for three tries
        run(
                List.of("a", "b"),
                PatientlyTest::failing,
                item -> item.equals("b") && outage.getAndDecrement() > 0
                        ? Uni.createFrom().failure(new IllegalStateException("database restarting"))
                        : apply(item),
                Duration.ofSeconds(5));
        assertEquals(List.of("a", "b"), appliedOneByOne);
        assertEquals(-1, outage.get());
    }

    @Test
    void anItemThatKeepsFailingFailsTheWholeForTheChannelsFailureStrategy() {
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> run(
                        List.of("a", "poison", "c"),
                        PatientlyTest::failing,
                        item -> item.equals("poison")
                                ? Uni.createFrom().failure(new IllegalArgumentException("cannot apply"))
                                : apply(item),
                        Duration.ofMillis(300)));
        assertEquals(List.of("a"), appliedOneByOne, "what came after the item that failed was applied: " + e);
    }

    private Uni<Void> apply(String item) {
        appliedOneByOne.add(item);
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> failing(List<String> items) {
        return Uni.createFrom().failure(new IllegalStateException("one of the batch is refused"));
    }

    private static void run(
            List<String> items,
            java.util.function.Function<List<String>, Uni<Void>> batch,
            java.util.function.Function<String, Uni<Void>> each,
            Duration retryFor) {
        Patiently.batchThenEach(items, batch, each, FIRST_RETRY, retryFor)
                .await()
                .atMost(Duration.ofSeconds(30));
    }
}
