package io.flopx.settlement.outbox;

import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes settlement-service's outbox (polled by OutboxSchedule, woken after each change): tenants' funding
 * to {@code funding-events}, for order-service's pre-trade risk, and leases' delivery records and summaries to
 * {@code delivery-events}.
 */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class SettlementOutboxRelay extends OutboxRelay {

    public static final String FUNDING_EVENTS = "funding-events";
    public static final String DELIVERY_EVENTS = "delivery-events";

    public SettlementOutboxRelay(
            @Channel(FUNDING_EVENTS) MutinyEmitter<Record<String, String>> funding,
            @Channel(DELIVERY_EVENTS) MutinyEmitter<Record<String, String>> delivery,
            Pool pool,
            MeterRegistry registry) {
        super(pool, Map.of(FUNDING_EVENTS, funding, DELIVERY_EVENTS, delivery), registry);
    }
}
