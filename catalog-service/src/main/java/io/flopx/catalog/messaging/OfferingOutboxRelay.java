package io.flopx.catalog.messaging;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes catalog-service's outbox: offering changes to {@code offering-events}, fills the capacity
 * ledger refused to {@code lease-events}.
 */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class OfferingOutboxRelay extends OutboxRelay {

    public static final String OFFERING_EVENTS = "offering-events";
    public static final String LEASE_EVENTS = "lease-events";

    private final Duration keepPublished;

    public OfferingOutboxRelay(@Channel(OFFERING_EVENTS) MutinyEmitter<Record<String, String>> offerings,
            @Channel(LEASE_EVENTS) MutinyEmitter<Record<String, String>> leases, Pool pool, MeterRegistry registry,
            @ConfigProperty(name = "flopx.outbox.keep-published", defaultValue = "1h") Duration keepPublished) {
        super(pool, Map.of(OFFERING_EVENTS, offerings, LEASE_EVENTS, leases), registry);
        this.keepPublished = keepPublished;
    }

    /** Starts after a short delay: the Kafka channels are connected once the application has started. */
    @Scheduled(every = "${flopx.outbox.poll-interval:1s}", delayed = "${flopx.outbox.first-poll-after:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return poll();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping();
    }

    /** Published entries are deleted once older than {@code flopx.outbox.keep-published}: Kafka has them. */
    @Scheduled(every = "${flopx.outbox.purge-interval:60s}", delayed = "${flopx.outbox.first-poll-after:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge(keepPublished, 10_000).replaceWithVoid();
    }
}
