package io.flopx.support.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs every outbox relay of the service on one schedule: the safety-net poll every
 * {@code flopx.outbox.poll-interval} (1 s) and the purge of entries published longer than
 * {@code flopx.outbox.keep-published} (1 h) ago every {@code flopx.outbox.purge-interval} (60 s), only while
 * the application runs: not before it has started (the Kafka channels are connected by then), and not
 * once it is stopping (the pool closes under them; entries not marked yet are sent again after the next
 * start). A service without an outbox has no relay, and the ticks do nothing.
 */
@ApplicationScoped
public class OutboxSchedule {

    private static final int PURGE_AT_MOST = 10_000;

    private final Instance<OutboxRelay> relays;
    private final Duration keepPublished;

    public OutboxSchedule(
            Instance<OutboxRelay> relays,
            @ConfigProperty(name = "flopx.outbox.keep-published", defaultValue = "1h") Duration keepPublished) {
        this.relays = relays;
        this.keepPublished = keepPublished;
    }

    @Scheduled(
            every = "${flopx.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        return each(OutboxRelay::poll);
    }

    /** Published entries are deleted once older than {@code flopx.outbox.keep-published}: Kafka has them. */
    @Scheduled(
            every = "${flopx.outbox.purge-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> purge() {
        return each(relay -> relay.purge(keepPublished, PURGE_AT_MOST).replaceWithVoid());
    }

    private Uni<Void> each(Function<OutboxRelay, Uni<Void>> work) {
        List<Uni<Void>> all = relays.stream().map(work).toList();
        // poll() and purge() never fail (they log instead).
        return all.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(all).andCollectFailures().replaceWithVoid();
    }
}
