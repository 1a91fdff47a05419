package io.flopx.order.service;

import java.time.Instant;
import java.util.List;

import org.hibernate.FlushMode;

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

/**
 * Applies the matcher's verdicts to orders, each exactly once whatever Kafka redelivers: fills are keyed
 * by their id, and a status only ever moves forward (a late "resting" never reopens a filled order).
 */
@ApplicationScoped
public class MarketEventApplier {

    private static final Logger LOG = Logger.getLogger(MarketEventApplier.class);

    private final OrderRepository orders;
    private final FillRepository fills;
    private final OrderMetrics metrics;

    public MarketEventApplier(OrderRepository orders, FillRepository fills, OrderMetrics metrics) {
        this.orders = orders;
        this.fills = fills;
        this.metrics = metrics;
    }

    /** One event, in a transaction of its own. */
    public Uni<Void> apply(MarketEvent event) {
        return Panache.withTransaction(() -> applyInSession(event));
    }

    /**
     * A batch of events, in order, in one transaction: one commit for the lot instead of one per event
     * (per-event commits could not keep up with the matcher at 100 orders/s on two cores). Events for the
     * same order meet the same entity in the session, and a fill seen twice in a batch is found there.
     */
    public Uni<Void> applyAll(List<MarketEvent> events) {
        return Panache.withTransaction(() -> {
            // Write once, at commit: by default every lookup would first flush what the batch has written so far.
            Uni<Void> chain = Panache.getSession().invoke(s -> s.setFlushMode(FlushMode.COMMIT)).replaceWithVoid();
            for (MarketEvent event : events) {
                chain = chain.chain(() -> applyInSession(event));
            }
            return chain;
        });
    }

    private Uni<Void> applyInSession(MarketEvent event) {
        if (event.orderId() == null) {
            return Uni.createFrom().voidItem();
        }
        return orders.findById(event.orderId()).chain(order -> {
            if (order == null) {
                LOG.warnf("market event %s for unknown order %s ignored", event.eventId(), event.orderId());
                return Uni.createFrom().voidItem();
            }
            Instant at = event.occurredAt() == null ? Instant.now() : event.occurredAt();
            metrics.applied(event.type());
            return switch (event.type()) {
                case MarketEvent.FILL -> recordFill(order, event, at);
                case MarketEvent.ORDER_RESTING -> order.status == OrderStatus.ACCEPTED
                        ? transition(order, OrderStatus.RESTING, event.reason(), at) : done();
                case MarketEvent.ORDER_REJECTED -> close(order, OrderStatus.REJECTED, event.reason(), at);
                case MarketEvent.ORDER_CANCELLED -> close(order, OrderStatus.CANCELLED, event.reason(), at);
                case MarketEvent.ORDER_EXPIRED -> close(order, OrderStatus.EXPIRED, event.reason(), at);
                default -> done();
            };
        });
    }

    private Uni<Void> recordFill(ComputeOrder order, MarketEvent event, Instant at) {
        return fills.findById(event.eventId()).chain(existing -> {
            if (existing != null) {
                return done();
            }
            Fill fill = new Fill();
            fill.id = event.eventId();
            fill.order = order;
            fill.offeringId = event.offeringId();
            fill.hubId = event.hub();
            fill.siteId = event.siteId();
            fill.modelId = event.model();
            fill.pueMilli = event.pueMilli();
            fill.tdpWatts = event.tdpWatts();
            fill.gflopsPerDevice = event.gflopsPerDevice();
            fill.devices = event.devices();
            fill.startsAt = event.start();
            fill.endsAt = event.end();
            fill.pricePerDeviceHour = event.pricePerDeviceHour();
            fill.cost = event.cost();
            fill.currency = event.currency();
            fill.recordedAt = Instant.now();
            order.fills.add(fill);
            Uni<Void> persist = fills.persist(fill).replaceWithVoid();
            if (order.overfilledBy(fill)) {
                // Made before the matcher saw an amendment that lowered the quantity: the fill stands, and the
                // order's quantity becomes what it got, so it never holds more than it ordered.
                order.takeFilledAsQuantity();
                persist = persist.chain(() -> OrderService.history(order, "QUANTITY_RAISED",
                        "a fill made before the amendment reached the market: the quantity is what was filled", at));
            }
            if (order.status.isTerminal()) {
                // A fill the matcher made before it saw the cancel: it stands, and the order stays closed.
                return persist;
            }
            OrderStatus next = order.remainingQuantity() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            return persist.chain(() -> transition(order, next, null, at));
        });
    }

    private Uni<Void> close(ComputeOrder order, OrderStatus terminal, String reason, Instant at) {
        return order.status.isTerminal() ? done() : transition(order, terminal, reason, at);
    }

    private static Uni<Void> transition(ComputeOrder order, OrderStatus next, String reason, Instant at) {
        if (order.status == next && next != OrderStatus.PARTIALLY_FILLED) {
            return done();
        }
        order.moveTo(next, reason, at);
        return OrderService.history(order, next.name(), reason, at);
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
