package io.flopx.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.OrderTransition;
import io.flopx.order.domain.VoucherBacking;
import io.flopx.order.domain.VoucherBacking.Moved;
import io.flopx.order.domain.VoucherBacking.Part;
import io.flopx.order.domain.VoucherMoves;
import io.flopx.order.outbox.OrderOutboxRelay;
import io.flopx.order.repository.OrderProgressStore;
import io.flopx.order.repository.OrderProgressStore.FundsChange;
import io.flopx.order.repository.VoucherStore;
import io.flopx.order.repository.VoucherStore.DrawEvent;
import io.flopx.order.wire.MarketEvent;
import io.flopx.order.wire.VoucherDrawEvent;
import io.flopx.support.sql.CommitWithLast.Last;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final VoucherStore vouchers;
    private final OrderOutboxRelay relay;
    private final ObjectMapper json;

    public MarketEventApplier(
            OrderProgressStore store,
            OrderMetrics metrics,
            PreTradeRisk risk,
            VoucherStore vouchers,
            OrderOutboxRelay relay,
            ObjectMapper json) {
        this.store = store;
        this.metrics = metrics;
        this.risk = risk;
        this.vouchers = vouchers;
        this.relay = relay;
        this.json = json;
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
        AtomicBoolean drew = new AtomicBoolean();
        // The funds rows (every batch of fills locks its tenants') are locked and written by the last statements,
        // which go out with the commit: a tenant's placements wait for them only while PostgreSQL runs them.
        return store.inTransactionEndingWith(c -> store.lock(c, ids).chain(orders -> {
                    Changes changes = new Changes();
                    for (MarketEvent event : events) {
                        apply(event, orders, changes);
                    }
                    if (!risk.required()) {
                        return Uni.createFrom()
                                .item(Last.of(
                                        store.write(c, changes.fills, changes.history, changes.orders, List.of())));
                    }
                    // Only orders that vouchers back read their parts (one more statement, in batches that have any).
                    List<UUID> backed = changes.orders.stream()
                            .filter(o -> o.voucherHeld > 0)
                            .map(o -> o.id)
                            .toList();
                    Uni<Map<UUID, List<Part>>> parts =
                            backed.isEmpty() ? Uni.createFrom().item(Map.of()) : vouchers.holds(c, backed);
                    return parts.map(byOrder -> {
                        VoucherMoves moves = new VoucherMoves();
                        Collection<FundsChange> funds = funds(changes, byOrder, moves);
                        Last<Void> last = Last.of(
                                store.lockFunds(c, funds),
                                store.write(c, changes.fills, changes.history, changes.orders, funds));
                        if (moves.isEmpty()) {
                            return last;
                        }
                        drew.set(true);
                        return last.then(vouchers.write(c, moves, List.of(), drawEvents(changes.fills, moves)));
                    });
                }))
                .invoke(() -> {
                    if (drew.get()) {
                        relay.wake();
                    }
                });
    }

    /**
     * What the batch does to each tenant's buying power: each new fill draws on its order's vouchers first and
     * costs the rest in money, and every changed order then holds the worst case of what it still wants
     * (nothing once terminal), its vouchers backing as much of it as they did. Sorted by tenant and currency:
     * the order the rows are locked in (a tenant whose vouchers move is locked even if its money does not).
     */
    private static Collection<FundsChange> funds(Changes changes, Map<UUID, List<Part>> parts, VoucherMoves moves) {
        Map<List<String>, long[]> byAccount =
                new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Fill f : changes.fills) {
            ComputeOrder o = f.order;
            long drawn = VoucherBacking.draw(o, f, parts.getOrDefault(o.id, List.of()), moves);
            byAccount.computeIfAbsent(List.of(o.tenant, o.currency), k -> new long[2])[1] += f.cost - drawn;
        }
        for (ComputeOrder o : changes.orders) {
            List<Part> backing = parts.getOrDefault(o.id, List.of());
            long more = VoucherBacking.rehold(o, backing, moves);
            if (more != 0 || !backing.isEmpty()) {
                byAccount.computeIfAbsent(List.of(o.tenant, o.currency), k -> new long[2])[0] += more;
            }
        }
        List<FundsChange> funds = new ArrayList<>(byAccount.size());
        byAccount.forEach((k, v) -> funds.add(new FundsChange(k.get(0), k.get(1), v[0], v[1])));
        return funds;
    }

    /** One VOUCHER_DRAWN event per new fill that drew on vouchers, for settlement-service. */
    private List<DrawEvent> drawEvents(List<Fill> fills, VoucherMoves moves) {
        Map<UUID, List<Moved>> byFill = new LinkedHashMap<>();
        for (VoucherMoves.Draw d : moves.draws()) {
            byFill.computeIfAbsent(d.fillId(), k -> new ArrayList<>()).add(new Moved(d.voucherId(), d.amount()));
        }
        List<DrawEvent> events = new ArrayList<>(byFill.size());
        for (Fill f : fills) {
            List<Moved> drawn = byFill.get(f.id);
            if (drawn != null) {
                events.add(drawEvent(json, VoucherDrawEvent.VOUCHER_DRAWN, f, drawn, f.recordedAt));
            }
        }
        return events;
    }

    /** A voucher-draws event as the outbox stores it. */
    static DrawEvent drawEvent(ObjectMapper json, String type, Fill f, List<Moved> draws, Instant at) {
        VoucherDrawEvent event =
                new VoucherDrawEvent(type, f.id, f.order.id, f.order.tenant, f.order.currency, f.hubId, at, draws);
        try {
            return new DrawEvent(f.id.toString(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
