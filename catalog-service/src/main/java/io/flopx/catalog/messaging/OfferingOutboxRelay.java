package io.flopx.catalog.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.core.Vertx;

/** Publishes catalog-service's outbox: offering changes to {@code offering-events}. */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class OfferingOutboxRelay extends OutboxRelay {

    public static final String OFFERING_EVENTS = "offering-events";

    public OfferingOutboxRelay(@Channel(OFFERING_EVENTS) MutinyEmitter<Record<String, String>> emitter, Vertx vertx,
            MeterRegistry registry) {
        super(vertx, OFFERING_EVENTS, emitter, registry);
    }

    /** Starts after a short delay: the Kafka channels are connected once the application has started. */
    @Scheduled(every = "${flopx.outbox.poll-interval:1s}", delayed = "${flopx.outbox.first-poll-after:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return poll();
    }
}
