package io.flopx.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

@ApplicationScoped
public class OfferingEventPublisher {

    public static final String CHANNEL = "offering-events";

    private final MutinyEmitter<Record<String, OfferingEvent>> emitter;

    public OfferingEventPublisher(@Channel(CHANNEL) MutinyEmitter<Record<String, OfferingEvent>> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker acknowledged the event (acks=all). */
    public Uni<Void> publish(OfferingEvent event) {
        return emitter.send(Record.of(event.hub(), event));
    }
}
