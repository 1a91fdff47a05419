package io.flopx.order.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.messaging.MarketEvent;
import io.flopx.order.repository.FillRepository;
import io.flopx.order.repository.OrderRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Applies the matcher's verdicts to orders, each exactly once whatever Kafka redelivers. */
@ApplicationScoped
public class MarketEventApplier {

    private static final Logger LOG = Logger.getLogger(MarketEventApplier.class);

    private final OrderRepository orders;
    private final FillRepository fills;

    public MarketEventApplier(OrderRepository orders, FillRepository fills) {
        this.orders = orders;
        this.fills = fills;
    }

    public Uni<Void> apply(MarketEvent event) {
        if (event.orderId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> orders.findById(event.orderId()).chain(order -> {
            if (order == null) {
                LOG.warnf("market event %s for unknown order %s ignored", event.eventId(), event.orderId());
                return Uni.createFrom().voidItem();
            }
            return switch (event.type()) {
                case MarketEvent.FILL -> recordFill(order, event);
                case MarketEvent.ORDER_RESTING -> transition(order, OrderStatus.RESTING, event);
                case MarketEvent.ORDER_REJECTED -> transition(order, OrderStatus.REJECTED, event);
                default -> Uni.createFrom().voidItem();
            };
        }));
    }

    private Uni<Void> recordFill(ComputeOrder order, MarketEvent event) {
        return fills.findById(event.eventId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Fill fill = new Fill();
            fill.id = event.eventId();
            fill.order = order;
            fill.offeringId = event.offeringId();
            fill.hubId = event.hub();
            fill.devices = event.devices();
            fill.startsAt = event.start();
            fill.endsAt = event.end();
            fill.pricePerDeviceHour = event.pricePerDeviceHour();
            fill.cost = event.cost();
            fill.currency = event.currency();
            fill.recordedAt = Instant.now();
            order.fills.add(fill);
            OrderStatus next = order.filledDevices() >= order.devices ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            order.moveTo(next, null, event.occurredAt());
            return fills.persist(fill).replaceWithVoid();
        });
    }

    /** Only moves forward: a late or replayed "resting" never reopens a filled order. */
    private static Uni<Void> transition(ComputeOrder order, OrderStatus next, MarketEvent event) {
        if (!order.status.isTerminal() && order.status != next && order.fills.isEmpty()) {
            order.moveTo(next, event.reason(), event.occurredAt());
        }
        return Uni.createFrom().voidItem();
    }
}
