package io.flopx.order.service;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.OrderTransition;
import io.flopx.order.repository.OrderProgressStore;
import io.flopx.order.repository.OrderProgressStore.FundsChange;
import io.flopx.order.wire.MarketEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies the matcher's verdicts to orders, each exactly once whatever Kafka redelivers: fills are keyed
 * by their id, and a status only ever moves forward (a late "resting" never reopens a filled order).
 * A batch of events is one transaction of a fixed number of statements (see OrderProgressStore): its
 * orders are locked and read once, the verdicts applied to them in memory in the batch's order, and what
 * changed written at once.
 */
@ApplicationScoped
public class MarketEventApplier {

    private static final Logger LOG = Logger.getLogger(MarketEventApplier.class);

    private final OrderProgressStore store;
    private final OrderMetrics metrics;
    private final PreTradeRisk risk;

    public MarketEventApplier(OrderProgressStore store, OrderMetrics metrics, PreTradeRisk risk) {
        this.store = store;
        this.metrics = metrics;
        this.risk = risk;
    }

    /** One event, in a transaction of its own. */
    public Uni<Void> apply(MarketEvent event) {
        return applyAll(List.of(event));
    }

    /**
     * A batch of events, in order, in one transaction: one commit for the lot instead of one per event
     * (per-event commits could not keep up with the matcher at 100 orders/s on two cores).
     */
    public Uni<Void> applyAll(List<MarketEvent> events) {
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(e -> {
            if (e.orderId() != null) {
                ids.add(e.orderId());
            }
        });
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.inTransaction(c -> store.lock(c, ids).chain(orders -> {
            Changes changes = new Changes();
            for (MarketEvent event : events) {
                apply(event, orders, changes);
            }
            Collection<FundsChange> funds = risk.required() ? funds(changes) : List.of();
            return store.lockFunds(c, funds)
                    .chain(() -> store.write(c, changes.fills, changes.history, changes.orders, funds));
        }));
    }

    /**
     * What the batch does to each tenant's buying power: every changed order now holds the worst case of what
     * it still wants (nothing once terminal), and each new fill costs what it traded for. Sorted by tenant and
     * currency: the order the rows are locked in.
     */
    private static Collection<FundsChange> funds(Changes changes) {
        Map<List<String>, long[]> byAccount =
                new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (ComputeOrder o : changes.orders) {
            long needed = o.holdNeeded();
            if (needed != o.held) {
                byAccount.computeIfAbsent(List.of(o.tenant, o.currency), k -> new long[2])[0] += needed - o.held;
                o.held = needed;
            }
        }
        for (Fill f : changes.fills) {
            byAccount.computeIfAbsent(List.of(f.order.tenant, f.order.currency), k -> new long[2])[1] += f.cost;
        }
        List<FundsChange> funds = new ArrayList<>(byAccount.size());
        byAccount.forEach((k, v) -> funds.add(new FundsChange(k.get(0), k.get(1), v[0], v[1])));
        return funds;
    }

    /** What a batch changes: written at the end, in one statement each. */
    private static final class Changes {
        final List<Fill> fills = new ArrayList<>();
        final List<OrderTransition> history = new ArrayList<>();
        final Set<ComputeOrder> orders = new LinkedHashSet<>();

        void history(ComputeOrder order, String status, String reason, Instant at) {
            history.add(OrderTransition.of(order.id, status, reason, at));
            orders.add(order);
        }
    }

    private void apply(MarketEvent event, Map<UUID, ComputeOrder> orders, Changes changes) {
        if (event.orderId() == null) {
            return;
        }
        ComputeOrder order = orders.get(event.orderId());
        if (order == null) {
            LOG.warnf("market event %s for unknown order %s ignored", event.eventId(), event.orderId());
            return;
        }
        Instant at = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        metrics.applied(event.type());
        switch (event.type()) {
            case MarketEvent.FILL -> recordFill(order, event, at, changes);
            case MarketEvent.ORDER_RESTING -> {
                if (order.status == OrderStatus.ACCEPTED) {
                    transition(order, OrderStatus.RESTING, event.reason(), at, changes);
                }
            }
            case MarketEvent.ORDER_REJECTED -> close(order, OrderStatus.REJECTED, event.reason(), at, changes);
            case MarketEvent.ORDER_CANCELLED -> close(order, OrderStatus.CANCELLED, event.reason(), at, changes);
            case MarketEvent.ORDER_EXPIRED -> close(order, OrderStatus.EXPIRED, event.reason(), at, changes);
            default -> {}
        }
    }

    private static void recordFill(ComputeOrder order, MarketEvent event, Instant at, Changes changes) {
        if (order.fills.stream().anyMatch(f -> f.id.equals(event.eventId()))) {
            return;
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
        changes.fills.add(fill);
        changes.orders.add(order);
        if (order.overfilledBy(fill)) {
            // Made before the matcher saw an amendment that lowered the quantity: the fill stands, and the
            // order's quantity becomes what it got, so it never holds more than it ordered.
            order.takeFilledAsQuantity();
            changes.history(
                    order,
                    "QUANTITY_RAISED",
                    "a fill made before the amendment reached the market: the quantity is what was filled",
                    at);
        }
        if (order.status.isTerminal()) {
            // A fill the matcher made before it saw the cancel: it stands, and the order stays closed.
            return;
        }
        OrderStatus next = order.remainingQuantity() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        transition(order, next, null, at, changes);
    }

    private static void close(ComputeOrder order, OrderStatus terminal, String reason, Instant at, Changes changes) {
        if (!order.status.isTerminal()) {
            transition(order, terminal, reason, at, changes);
        }
    }

    private static void transition(ComputeOrder order, OrderStatus next, String reason, Instant at, Changes changes) {
        if (order.status == next && next != OrderStatus.PARTIALLY_FILLED) {
            return;
        }
        order.moveTo(next, reason, at);
        changes.history(order, next.name(), reason, at);
    }
}
