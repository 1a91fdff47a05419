package io.flopx.catalog.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.flopx.catalog.domain.OutboxEntry;
import io.flopx.catalog.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.core.Vertx;

/**
 * Publishes outbox entries to Kafka and marks them published, in one transaction per batch: if Kafka
 * does not acknowledge, nothing is marked and the next poll sends the batch again (at least once; every
 * consumer is idempotent). Woken right after each commit for low latency, and polled as a safety net.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String OFFERING_EVENTS = "offering-events";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final OutboxRepository outbox;
    private final MutinyEmitter<Record<String, String>> offeringEvents;
    private final Vertx vertx;

    public OutboxRelay(OutboxRepository outbox,
            @Channel(OFFERING_EVENTS) MutinyEmitter<Record<String, String>> offeringEvents, Vertx vertx) {
        this.outbox = outbox;
        this.offeringEvents = offeringEvents;
        this.vertx = vertx;
    }

    /** Publishes what is pending now, on a context of its own so the caller's session is left alone. */
    public void wake() {
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // Hibernate Reactive keeps its session on the context; this one is ours alone.
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> flush().subscribe().with(
                sent -> {
                },
                failure -> LOG.debugf("outbox publish deferred to the next poll: %s", failure.toString())));
    }

    /** Starts after a short delay: the Kafka channels are connected once the application has started. */
    @Scheduled(every = "${flopx.outbox.poll-interval:1s}", delayed = "${flopx.outbox.first-poll-after:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return flush().onFailure().invoke(e -> LOG.warnf("outbox publish failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** @return how many entries were published */
    public Uni<Integer> flush() {
        return Panache.withTransaction(() -> outbox.lockUnpublished(BATCH).chain(this::publish));
    }

    private Uni<Integer> publish(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Sent together, acknowledged together: the idempotent producer keeps their order per partition.
        List<Uni<Void>> sends = entries.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast()
                .chain(() -> outbox.markPublished(entries.stream().map(e -> e.id).toList(), Instant.now()))
                .replaceWith(entries.size());
    }

    private Uni<Void> send(OutboxEntry entry) {
        if (!OFFERING_EVENTS.equals(entry.topic)) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for topic " + entry.topic));
        }
        return offeringEvents.send(Record.of(entry.recordKey, entry.payload));
    }
}
