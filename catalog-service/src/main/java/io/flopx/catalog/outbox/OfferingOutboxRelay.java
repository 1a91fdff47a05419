package io.flopx.catalog.outbox;

import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes catalog-service's outbox: offering changes to {@code offering-events}, fills the capacity
 * ledger refused to {@code lease-events} (polled by OutboxSchedule).
 */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class OfferingOutboxRelay extends OutboxRelay {

    public static final String OFFERING_EVENTS = "offering-events";
    public static final String LEASE_EVENTS = "lease-events";

    public OfferingOutboxRelay(
            @Channel(OFFERING_EVENTS) MutinyEmitter<Record<String, String>> offerings,
            @Channel(LEASE_EVENTS) MutinyEmitter<Record<String, String>> leases,
            Pool pool,
            MeterRegistry registry) {
        super(pool, Map.of(OFFERING_EVENTS, offerings, LEASE_EVENTS, leases), registry);
    }
}
