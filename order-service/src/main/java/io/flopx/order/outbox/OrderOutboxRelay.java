package io.flopx.order.outbox;

import io.flopx.order.repository.VoucherStore;
import io.flopx.order.wire.MarketCommand;
import io.flopx.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes order-service's outbox (polled by OutboxSchedule): order changes to {@code order-events}, or,
 * for an order naming one hub, straight to {@code market-commands} (see OrderEventRecords; both through the
 * order-events channel's producer, so a placement and the events before it share its batches), and fills'
 * draws on compute vouchers to {@code voucher-draws}.
 */
// A singleton: no client proxy, so the base class needs no no-args constructor.
@Singleton
public class OrderOutboxRelay extends OutboxRelay {

    public static final String ORDER_EVENTS = "order-events";

    public OrderOutboxRelay(
            @Channel(ORDER_EVENTS) MutinyEmitter<Record<String, String>> orderEvents,
            @Channel(VoucherStore.VOUCHER_DRAWS) MutinyEmitter<Record<String, String>> voucherDraws,
            Pool pool,
            MeterRegistry registry) {
        super(
                pool,
                Map.of(
                        ORDER_EVENTS,
                        orderEvents,
                        MarketCommand.TOPIC,
                        orderEvents,
                        VoucherStore.VOUCHER_DRAWS,
                        voucherDraws),
                registry);
    }
}
