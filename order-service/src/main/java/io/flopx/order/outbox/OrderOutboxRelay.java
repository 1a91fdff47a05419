package io.flopx.order.outbox;

import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes order-service's outbox: order changes to {@code order-events} (polled by OutboxSchedule). */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class OrderOutboxRelay extends OutboxRelay {

    public static final String ORDER_EVENTS = "order-events";

    public OrderOutboxRelay(
            @Channel(ORDER_EVENTS) MutinyEmitter<Record<String, String>> emitter, Pool pool, MeterRegistry registry) {
        super(pool, ORDER_EVENTS, emitter, registry);
    }
}
