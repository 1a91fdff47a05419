package io.flopx.order.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

@ApplicationScoped
public class OrderEventPublisher {

    public static final String CHANNEL = "order-events";

    private final MutinyEmitter<Record<String, OrderEvent>> emitter;

    public OrderEventPublisher(@Channel(CHANNEL) MutinyEmitter<Record<String, OrderEvent>> emitter) {
        this.emitter = emitter;
    }

    /** Keyed by order id: every event of one order stays in order on one partition. */
    public Uni<Void> publish(OrderEvent event) {
        return emitter.send(Record.of(event.orderId().toString(), event));
    }
}
