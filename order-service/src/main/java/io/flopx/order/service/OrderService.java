package io.flopx.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.order.client.Quotes;
import io.flopx.order.client.ReferenceData;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderFilter;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.OrderTransition;
import io.flopx.order.domain.VoucherBacking;
import io.flopx.order.domain.VoucherBacking.Moved;
import io.flopx.order.domain.VoucherBacking.Part;
import io.flopx.order.domain.VoucherMoves;
import io.flopx.order.outbox.OrderEventRecords;
import io.flopx.order.outbox.OrderOutboxRelay;
import io.flopx.order.repository.BuyingPowerStore;
import io.flopx.order.repository.OrderPlacements;
import io.flopx.order.repository.OrderRepository;
import io.flopx.order.repository.VoucherStore;
import io.flopx.order.wire.OrderEvent;
import io.flopx.order.wire.VoucherDrawEvent;
import io.flopx.support.ApiProblem;
import io.flopx.support.RunToTheEnd;
import io.flopx.support.Sha256;
import io.flopx.support.outbox.OutboxEntry;
import io.flopx.support.outbox.OutboxStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Places, amends and cancels orders. Each change, its history line and its event are written in one
 * transaction (the event to the outbox), then the relay is woken (a placement's event is handed to it
 * directly, the hot path): a crash in between loses nothing.
 */
@ApplicationScoped
public class OrderService {

    /** A placed order and whether it was placed by this call or by an earlier one with the same key. */
    public record Placement(ComputeOrder order, boolean replayed) {}

    private final OrderRepository orders;
    private final OrderPlacements placements;
    private final ReferenceData reference;
    private final Quotes quotes;
    private final OrderOutboxRelay relay;
    private final OrderMetrics metrics;
    private final ObjectMapper json;
    private final PreTradeRisk risk;
    private final BuyingPowerStore funds;
    private final VoucherStore vouchers;
    private final BackedPlacement backed;
    private final OrderEventRecords events;

    public OrderService(
            OrderRepository orders,
            OrderPlacements placements,
            ReferenceData reference,
            Quotes quotes,
            OrderOutboxRelay relay,
            ObjectMapper json,
            OrderMetrics metrics,
            PreTradeRisk risk,
            BuyingPowerStore funds,
            VoucherStore vouchers,
            BackedPlacement backed,
            OrderEventRecords events) {
        this.events = events;
        this.vouchers = vouchers;
        this.backed = backed;
        this.risk = risk;
        this.funds = funds;
        this.placements = placements;
        this.quotes = quotes;
        this.metrics = metrics;
        this.orders = orders;
        this.reference = reference;
        this.relay = relay;
        this.json = json;
    }

    public Uni<Placement> place(String tenant, String bearerToken, String idempotencyKey, PlaceOrder r) {
        return place(tenant, reference.known(bearerToken), idempotencyKey, r);
    }

    /**
     * A placement on behalf of a procurement plan: the same path as a request's (validation, funding, vouchers,
     * idempotency), checked against the models and hubs the plan was checked against when it was made (no
     * caller's token to read them with).
     */
    public Uni<Placement> placeForPlan(String tenant, ReferenceData.Known known, String idempotencyKey, PlaceOrder r) {
        return place(tenant, Uni.createFrom().item(known), idempotencyKey, r);
    }

    private Uni<Placement> place(
            String tenant, Uni<ReferenceData.Known> knownModelsAndHubs, String idempotencyKey, PlaceOrder r) {
        Instant now = Instant.now();
        ComputeOrder order = OrderValidation.toOrder(tenant, r, now);
        String hash = hash(r);
        io.vertx.core.Context request = io.vertx.core.Vertx.currentContext();
        order.idempotencyKey = idempotencyKey;
        order.requestHash = hash;
        boolean funded = risk.required();
        OutboxEntry event = events.entry(OrderEvent.PLACED, order, order.createdAt);
        // One statement stores the order, its history line and its event (and, when orders must be funded,
        // its hold): a caller that goes away meanwhile changes nothing about it (it commits or not, as a whole).
        Uni<Placement> fresh = RunToTheEnd.backOn(request, knownModelsAndHubs)
                .invoke(known -> {
                    OrderValidation.requireKnown(order, known);
                    if (funded) {
                        PreTradeRisk.holdFor(order, known);
                    }
                })
                .chain(() -> RunToTheEnd.detached(() -> store(order, event, funded)))
                .invoke(() -> metrics.placed(order.kind))
                .replaceWith(new Placement(order, false));
        if (idempotencyKey == null) {
            return fresh;
        }
        // A retry with the same key meets the unique index: it gets the original order if the body is the same,
        // and is refused otherwise.
        return RunToTheEnd.backOn(
                        request, fresh.onFailure(OrderService::isDuplicateKey).recoverWithNull())
                .chain(placed -> placed != null
                        ? Uni.createFrom().item(placed)
                        : Panache.withSession(() -> orders.findByIdempotencyKey(tenant, idempotencyKey))
                                .map(winner -> replay(winner, hash)));
    }

    /**
     * What the order would get now, without placing it: the same body and the same validation as a placement
     * (reference data included), then the matcher's quote. Nothing is stored.
     */
    public Uni<JsonNode> quote(String tenant, String bearerToken, PlaceOrder r) {
        ComputeOrder order = OrderValidation.toOrder(tenant, r, Instant.now());
        return reference
                .known(bearerToken)
                .invoke(known -> OrderValidation.requireKnown(order, known))
                .chain(() -> quotes.quote(bearerToken, order));
    }

    /**
     * Cancel-replace: the new limit or quantity replaces the old, and the order loses its time priority
     * (the matcher treats it as newly arrived). Fills already made stand; the quantity cannot go below them.
     */
    public Uni<ComputeOrder> amend(String tenant, UUID id, AmendOrder r) {
        if (r.isEmpty()) {
            throw ApiProblem.badRequest("body", "name at least one of limitPrice, devices, tflops");
        }
        Instant now = Instant.now();
        return RunToTheEnd.detached(() ->
                        Panache.withTransaction(() -> openOwn(tenant, id).chain(o -> {
                            boolean completes = false;
                            if (r.devices() != null || r.tflops() != null) {
                                long quantity = OrderValidation.amendedQuantity(o, r);
                                if (quantity < o.filledQuantity()) {
                                    throw ApiProblem.conflict(
                                            o.kind == OrderKind.DEVICES ? "devices" : "tflops",
                                            "cannot go below what is already filled",
                                            Map.of("filled", o.filledQuantity()));
                                }
                                completes = o.amendQuantity(quantity, now);
                            }
                            if (r.limitPrice() != null) {
                                o.limitPrice = r.limitPrice();
                            }
                            o.updatedAt = now;
                            String field =
                                    r.devices() != null ? "devices" : r.tflops() != null ? "tflops" : "limitPrice";
                            VoucherMoves moves = new VoucherMoves();
                            boolean filled = completes;
                            // The event says what the order holds now (holdAgain). Everything but the funds is
                            // written first: the tenant's buying power, locked by the hold, then stays locked only
                            // for the hold, the vouchers and the commit (the tenant's placements wait for it).
                            return holdAgain(o, moves)
                                    .chain(more -> {
                                        Uni<Void> written =
                                                history(o, "AMENDED", "cancel-replace: priority reset", now);
                                        if (filled) {
                                            written = written.chain(
                                                    () -> history(o, OrderStatus.FILLED.name(), o.statusReason, now));
                                        }
                                        // Published either way: the matcher takes the order out of its book when
                                        // nothing is left of it.
                                        return written.chain(() -> record(OrderEvent.AMENDED, o, now))
                                                .chain(() -> orders.flush())
                                                .chain(() -> rehold(o, more, field))
                                                .chain(() -> moves.isEmpty()
                                                        ? Uni.createFrom().voidItem()
                                                        : vouchers.write(moves, List.of(), List.of()));
                                    })
                                    .replaceWith(o);
                        })))
                .onFailure(OrderService::isConcurrentChange)
                .transform(OrderService::concurrentChange)
                .invoke(relay::wake);
    }

    /** Asks the matcher to cancel whatever is not filled yet; the order is CANCELLED when it confirms. */
    public Uni<ComputeOrder> cancel(String tenant, UUID id) {
        Instant now = Instant.now();
        return RunToTheEnd.detached(() ->
                        Panache.withTransaction(() -> own(tenant, id).chain(o -> {
                            if (o.status.isTerminal()) {
                                throw ApiProblem.conflict(
                                        "status", "order " + id + " is already " + o.status, Map.of());
                            }
                            if (o.cancelRequestedAt != null) {
                                return Uni.createFrom().item(o);
                            }
                            o.cancelRequestedAt = now;
                            o.updatedAt = now;
                            return orders.flush()
                                    .chain(() -> history(o, "CANCEL_REQUESTED", "by the enterprise", now))
                                    .chain(() -> record(OrderEvent.CANCEL_REQUESTED, o, now))
                                    .replaceWith(o);
                        })))
                .onFailure(OrderService::isConcurrentChange)
                .transform(OrderService::concurrentChange)
                .invoke(relay::wake);
    }

    /**
     * A fill the provider's capacity ledger refused is reversed: it stays on the order with when and why, and
     * counts nowhere. A FILLED order so left short is CANCELLED (its other fills stand); an open order is
     * cancelled through the matcher, since the matcher counts the reversed fill as made and would never
     * complete it. Once only: a repeated refusal changes nothing. Fails if the fill is not recorded yet (the
     * caller retries: the fill is on its way on another topic).
     */
    public Uni<Void> reverseRefusedFill(UUID fillId, String reason, Instant at) {
        String why = "refused by the provider's capacity ledger" + (reason == null ? "" : " (" + reason + ")");
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.find(Fill.class, fillId))
                        .chain(fill -> {
                            if (fill == null) {
                                return Uni.createFrom()
                                        .failure(new IllegalStateException("fill " + fillId + " not recorded yet"));
                            }
                            if (!fill.stands()) {
                                return Uni.createFrom().voidItem();
                            }
                            fill.reversedAt = at;
                            fill.reversalReason = why;
                            ComputeOrder o = fill.order;
                            o.updatedAt = at;
                            boolean wasFilled = o.status == OrderStatus.FILLED;
                            if (wasFilled) {
                                o.moveTo(OrderStatus.CANCELLED, "a fill was reversed: " + why, at);
                            }
                            // The reversed fill costs nothing (what it drew goes back to its vouchers); an order
                            // still open wants its quantity again until its cancel lands (the market may still
                            // fill it meanwhile).
                            VoucherMoves moves = new VoucherMoves();
                            Uni<Void> reversed = returnDraws(fill, moves)
                                    .chain(returned -> holdAgain(o, moves)
                                            .chain(more -> Panache.getSession()
                                                    .chain(Mutiny.Session::flush)
                                                    .chain(() ->
                                                            refund(o, more, fill.cost - VoucherBacking.total(returned)))
                                                    .chain(() -> moves.isEmpty()
                                                            ? Uni.createFrom().voidItem()
                                                            : vouchers.write(
                                                                    moves,
                                                                    List.of(fill.id),
                                                                    returned.isEmpty()
                                                                            ? List.of()
                                                                            : List.of(MarketEventApplier.drawEvent(
                                                                                    json,
                                                                                    VoucherDrawEvent.VOUCHER_RETURNED,
                                                                                    fill,
                                                                                    returned,
                                                                                    at))))))
                                    .chain(() -> history(
                                            o,
                                            "FILL_REVERSED",
                                            fill.devices + " devices from " + fill.startsAt + " " + why,
                                            at));
                            if (wasFilled) {
                                return reversed.chain(
                                        () -> history(o, OrderStatus.CANCELLED.name(), o.statusReason, at));
                            }
                            if (o.status.isTerminal() || o.cancelRequestedAt != null) {
                                return reversed;
                            }
                            o.cancelRequestedAt = at;
                            return reversed.chain(
                                            () -> history(o, "CANCEL_REQUESTED", "a fill was reversed: " + why, at))
                                    .chain(() -> record(OrderEvent.CANCEL_REQUESTED, o, at));
                        }))
                .invoke(relay::wake);
    }

    /**
     * Stores a new order with its event and hands the event to the relay; when orders must be funded, only if
     * its tenant's buying power covers its hold. The one-statement placement holds it in the tenant's money;
     * when that did not (the tenant has compute vouchers, which back holds first, or its money is short), the
     * placement that looks at vouchers decides, with the tenant's funds locked: stored with its hold, or
     * refused here, before any book sees it, and kept with its reason.
     */
    private Uni<Void> store(ComputeOrder order, OutboxEntry event, boolean funded) {
        return placements
                .insert(order, event, funded)
                .onItem()
                .ifNull()
                .switchTo(() -> backed.place(order, event))
                .chain(entry -> {
                    if (entry != null) {
                        relay.publish(entry);
                        return Uni.createFrom().voidItem();
                    }
                    return placements.insertRefused(order);
                });
    }

    /**
     * When orders must be funded: sets what the order holds to what it needs now, its vouchers backing as much
     * of it as they did (VoucherBacking.rehold), and returns how much more its tenant's money holds (0 when
     * orders need no funding). Written with the order's row, before its tenant's funds move (see
     * BuyingPowerStore).
     */
    private Uni<Long> holdAgain(ComputeOrder o, VoucherMoves moves) {
        if (!risk.required()) {
            return Uni.createFrom().item(0L);
        }
        Uni<List<Part>> parts =
                o.voucherHeld > 0 ? vouchers.holds(o.id) : Uni.createFrom().item(List.of());
        return parts.map(p -> VoucherBacking.rehold(o, p, moves));
    }

    /** What a reversed fill drew from vouchers, given back to them (in {@code moves}). */
    private Uni<List<Moved>> returnDraws(Fill fill, VoucherMoves moves) {
        if (!risk.required()) {
            return Uni.createFrom().item(List.of());
        }
        return vouchers.draws(fill.id).invoke(drawn -> drawn.forEach(d -> moves.returned(d.voucherId(), d.amount())));
    }

    /**
     * An amendment's change to its order's hold: a rise only if the tenant's buying power covers it (refused
     * otherwise, and the transaction with the amendment rolls back: the order is unchanged), a fall at once.
     */
    private Uni<Void> rehold(ComputeOrder o, long more, String field) {
        if (more <= 0) {
            return more == 0 ? Uni.createFrom().voidItem() : funds.move(o.tenant, o.currency, more, 0);
        }
        return funds.holdIfCovered(o.tenant, o.currency, more)
                .chain(held -> held
                        ? Uni.createFrom().voidItem()
                        : funds.free(o.tenant, o.currency).map(free -> {
                            long shortfall = more - Math.max(0, free);
                            throw ApiProblem.conflict(
                                    field,
                                    PreTradeRisk.INSUFFICIENT_FUNDS + ": the amendment needs "
                                            + PreTradeRisk.major(more, o.currency)
                                            + " " + o.currency + " more held, "
                                            + PreTradeRisk.major(shortfall, o.currency)
                                            + " more than the buying power left; the order is unchanged",
                                    Map.of("shortfall", shortfall, "currency", o.currency));
                        }));
    }

    /** A reversed fill's cost back to its tenant's buying power, with the order's new hold. */
    private Uni<Void> refund(ComputeOrder o, long more, long cost) {
        return risk.required()
                ? funds.move(o.tenant, o.currency, more, -cost)
                : Uni.createFrom().voidItem();
    }

    /** The order if the caller may read it; another tenant's looks exactly like a missing one. */
    public Uni<ComputeOrder> visible(String tenant, boolean operator, UUID id) {
        return Panache.withSession(() -> orders.findById(id))
                .onItem()
                .ifNull()
                .failWith(() -> ApiProblem.notFound("order " + id))
                .invoke(o -> {
                    if (!operator && !o.tenant.equals(tenant)) {
                        throw ApiProblem.notFound("order " + id);
                    }
                });
    }

    public Uni<List<OrderTransition>> history(UUID orderId) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from OrderTransition where orderId = :id order by id", OrderTransition.class)
                        .setParameter("id", orderId)
                        .getResultList()));
    }

    public Uni<List<ComputeOrder>> list(String tenant, boolean operator, OrderFilter q) {
        return Panache.withSession(() -> orders.search(operator ? q.tenant() : tenant, q));
    }

    private Uni<ComputeOrder> own(String tenant, UUID id) {
        return orders.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> ApiProblem.notFound("order " + id))
                .invoke(o -> {
                    if (!o.tenant.equals(tenant)) {
                        throw ApiProblem.notFound("order " + id);
                    }
                });
    }

    private Uni<ComputeOrder> openOwn(String tenant, UUID id) {
        return own(tenant, id).invoke(o -> {
            if (o.status.isTerminal()) {
                throw ApiProblem.conflict("status", "order " + id + " is already " + o.status, Map.of());
            }
            if (o.cancelRequestedAt != null) {
                throw ApiProblem.conflict("status", "order " + id + " is being cancelled", Map.of());
            }
        });
    }

    private static Uni<Void> history(ComputeOrder o, String status, String reason, Instant at) {
        return Panache.getSession().chain(s -> s.persist(OrderTransition.of(o.id, status, reason, at)));
    }

    private Uni<Void> record(String type, ComputeOrder o, Instant now) {
        return OutboxStore.append(events.entry(type, o, now));
    }

    private static Placement replay(ComputeOrder existing, String hash) {
        if (!existing.requestHash.equals(hash)) {
            throw new ApiProblem(
                    422,
                    "Unprocessable Content",
                    "Idempotency-Key",
                    "this key was used for a different order (" + existing.id + ")");
        }
        return new Placement(existing, true);
    }

    private String hash(PlaceOrder r) {
        try {
            return Sha256.hex(json.writeValueAsBytes(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("compute_order_idempotency_idx")) {
                return true;
            }
        }
        return false;
    }

    /** Another request changed the same row first (Hibernate reports it either way, by version). */
    private static boolean isConcurrentChange(Throwable e) {
        return e instanceof StaleStateException || e instanceof jakarta.persistence.OptimisticLockException;
    }

    private static Throwable concurrentChange(Throwable e) {
        return ApiProblem.conflict("version", "the order was changed concurrently; read it again and retry", Map.of());
    }
}
