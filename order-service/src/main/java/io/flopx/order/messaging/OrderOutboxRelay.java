package io.flopx.order.messaging;

import java.time.Duration;

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

/** Publishes order-service's outbox: order changes to {@code order-events}. */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class OrderOutboxRelay extends OutboxRelay {

    public static final String ORDER_EVENTS = "order-events";

    private final Duration keepPublished;

    public OrderOutboxRelay(@Channel(ORDER_EVENTS) MutinyEmitter<Record<String, String>> emitter, Pool pool,
            MeterRegistry registry, @ConfigProperty(name = "flopx.outbox.keep-published", defaultValue = "1h") Duration keepPublished,
            @ConfigProperty(name = "flopx.outbox.mark-delay", defaultValue = "100ms") Duration markDelay) {
        super(pool, ORDER_EVENTS, emitter, registry);
        this.keepPublished = keepPublished;
        markDelay(markDelay);
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
