package io.flopx.settlement.outbox;

import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes settlement-service's outbox: tenants' funding to {@code funding-events}, for order-service's
 * pre-trade risk (polled by OutboxSchedule, woken after each change).
 */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class SettlementOutboxRelay extends OutboxRelay {

    public static final String FUNDING_EVENTS = "funding-events";

    public SettlementOutboxRelay(
            @Channel(FUNDING_EVENTS) MutinyEmitter<Record<String, String>> emitter, Pool pool, MeterRegistry registry) {
        super(pool, FUNDING_EVENTS, emitter, registry);
    }
}
