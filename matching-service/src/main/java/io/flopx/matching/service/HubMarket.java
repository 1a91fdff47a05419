package io.flopx.matching.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.Limits;
import io.flopx.matching.engine.MatchingEngine;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.MarketEvent;
import io.flopx.matching.wire.OfferingEvent;
import io.flopx.matching.wire.OrderEvent;
import io.flopx.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One hub's market: its engine, plus what keeps redelivered and replayed commands from acting twice
 * (order versions, the hops already swept, cancels that arrived before their order) and the trade tape
 * per model. Everything here is rebuilt by replaying the hub's commands.
 */
final class HubMarket {

    private static final Logger LOG = Logger.getLogger(HubMarket.class);
    private static final long SECONDS_PER_HOUR = 3600;

    final String hub;
    final MatchingEngine engine;
    /**
     * How long a market remembers order versions, swept hops and cancels or amendments that arrived before
     * their order: far longer than an order takes between hubs or a redelivery takes to come back.
     */
    static final long MEMORY_SECONDS = 3600;

    /** The newest version seen per order: a repeated amendment is not a second cancel-replace. */
    private final AgedMemory<UUID, Long> orderVersions = new AgedMemory<>(MEMORY_SECONDS);
    /** "order#hop" of every sweep done here: a redelivered forward does not trade twice. */
    private final AgedMemory<String, Boolean> sweptHops = new AgedMemory<>(MEMORY_SECONDS);
    /** A cancel broadcast to every hub of an order's route may arrive before the order does. */
    private final AgedMemory<UUID, Boolean> cancelledBeforeArrival = new AgedMemory<>(MEMORY_SECONDS);
    /** So may an amendment: the order takes the amended terms when it arrives. */
    private final AgedMemory<UUID, String> amendedBeforeArrival = new AgedMemory<>(MEMORY_SECONDS);
    /** Orders placed here: when one is forgotten here, the engine forgets it too (bounds its memory). */
    private final AgedMemory<UUID, Boolean> placedHere = new AgedMemory<>(MEMORY_SECONDS);
    /** Offerings withdrawn here, likewise. */
    private final AgedMemory<UUID, Boolean> withdrawnHere = new AgedMemory<>(MEMORY_SECONDS);
    /**
     * Per input partition (e.g. "order-events-3"), the highest input offset whose command reached this
     * market: a command the sequencer appended again (it crashed before committing its input, or its
     * committed offsets were lost) is recognised however old it is, with one number per input partition.
     */
    private final Map<String, Long> inputsApplied = new TreeMap<>();
    /**
     * The orders resting here that allow other hubs too, with their newest terms (the event's JSON): they may
     * move to meet new capacity there. Only while they rest here: bounded by the book.
     */
    private final Map<UUID, String> movable = new LinkedHashMap<>();

    private final Map<String, TradeTape> tapes = new TreeMap<>();

    HubMarket(String hub) {
        this(hub, MatchingEngine.indexed());
    }

    private HubMarket(String hub, MatchingEngine engine) {
        this.hub = hub;
        this.engine = engine;
    }

    Outcome apply(MarketCommand command, ObjectMapper json) throws JsonProcessingException {
        long at = command.atSecond() == null ? 0 : command.atSecond();
        if (command.input() != null && command.inputOffset() != null) {
            Long applied = inputsApplied.get(command.input());
            if (applied != null && command.inputOffset() <= applied) {
                return Outcome.NOTHING; // appended twice by the sequencer
            }
            inputsApplied.put(command.input(), command.inputOffset());
        }
        forgetBefore(at);
        return switch (command.kind()) {
            case MarketCommand.OFFERING -> tidy(onOffering(json.readValue(command.payload(), OfferingEvent.class), at));
            case MarketCommand.ORDER -> onOrder(command, json.readValue(command.payload(), OrderEvent.class), at, json);
            case MarketCommand.CLOCK -> tidy(Outcome.of(toMarketEvents(engine.expire(at), at)));
            case MarketCommand.MOVE -> onMove(command, at);
            default -> Outcome.NOTHING;
        };
    }

    /**
     * Sends a resting multi-hub order to try new capacity in another of its hubs (and come back to rest
     * here): what is left of it travels with its newest terms and its fills so far. Once per move.
     */
    private Outcome onMove(MarketCommand command, long at) {
        UUID id = UUID.fromString(command.payload());
        String payload = movable.get(id);
        String key = hopKey(id, command.leg(), 0);
        if (payload == null || sweptHops.contains(key) || !engine.rests(id)) {
            return Outcome.NOTHING;
        }
        sweptHops.put(key, true, at);
        MatchingEngine.Moving moving = engine.takeResting(id);
        movable.remove(id);
        return new Outcome(
                List.of(),
                List.of(new MarketCommand(
                        MarketCommand.ORDER,
                        payload,
                        null,
                        command.route().get(1),
                        command.route(),
                        1,
                        moving.remaining().quantity(),
                        moving.fills(),
                        command.leg(),
                        null,
                        null)));
    }

    /**
     * Moves that would let resting orders here meet a new or cheaper offering in another hub they allow: the
     * orders it could serve, best limit first, as many as its devices could serve.
     */
    List<MarketCommand> movesFor(OfferingSpec offering, UUID trigger) {
        if (offering.hub().equals(hub) || movable.isEmpty()) {
            return List.of();
        }
        List<MarketCommand> moves = new ArrayList<>();
        for (UUID id : engine.ordersToMoveFor(offering, movable.keySet())) {
            String leg = UUID.nameUUIDFromBytes((trigger + ":" + id).getBytes(StandardCharsets.UTF_8))
                    .toString();
            moves.add(MarketCommand.move(hub, id.toString(), offering.hub(), leg));
        }
        return moves;
    }

    /** Each record carries the offering's full state; the engine keeps the newest version it has seen. */
    static OfferingSpec specOf(OfferingEvent e) {
        return new OfferingSpec(
                e.offeringId(),
                e.tenant(),
                e.model(),
                e.hub(),
                e.siteId(),
                e.pueMilli(),
                e.greenRating(),
                e.interconnect(),
                e.tdpWatts(),
                e.peakGflops() == null ? Map.of() : e.peakGflops(),
                e.devices(),
                hour(e.availableFrom()),
                hour(e.availableUntil()),
                e.pricePerDeviceHour(),
                e.currency(),
                e.reliabilityBps());
    }

    private Outcome onOffering(OfferingEvent e, long at) {
        OfferingSpec spec = specOf(e);
        String outOfBounds = Limits.offeringOutOfBounds(spec);
        if (outOfBounds != null && !OfferingEvent.WITHDRAWN.equals(e.type())) {
            // The catalog refuses these; one from an older version must not overflow a price or a cost here.
            LOG.warnf("offering %s v%d not listed: %s", e.offeringId(), e.version(), outOfBounds);
            return Outcome.NOTHING;
        }
        return switch (e.type()) {
            case OfferingEvent.LISTED, OfferingEvent.AMENDED ->
                Outcome.of(toMarketEvents(engine.putOffering(spec, e.version()), at));
            case OfferingEvent.WITHDRAWN -> {
                engine.withdrawOffering(e.offeringId(), e.version());
                withdrawnHere.put(e.offeringId(), true, at);
                yield Outcome.NOTHING;
            }
            default -> Outcome.NOTHING;
        };
    }

    private Outcome onOrder(MarketCommand command, OrderEvent e, long at, ObjectMapper json)
            throws JsonProcessingException {
        UUID id = e.orderId();
        if (OrderEvent.CANCEL_REQUESTED.equals(e.type())) {
            List<EngineEvent> cancelled = engine.cancelOrder(id, "cancelled by the enterprise");
            if (cancelled.isEmpty()) {
                cancelledBeforeArrival.put(id, true, at);
            }
            return tidy(Outcome.of(toMarketEvents(cancelled, at)));
        }
        boolean firstHop = command.hopOrZero() == 0;
        if (firstHop) {
            Long seen = orderVersions.get(id);
            if (seen != null && e.version() <= seen && !arrivesAfterItsAmendment(command, e)) {
                return Outcome.NOTHING;
            }
            if (seen == null || e.version() > seen) {
                orderVersions.put(id, e.version(), at);
            }
        }
        if (e.kind() == null || e.limitPrice() <= 0 || e.currency() == null) {
            // An order event in a shape this matcher does not know (an older schema, say) is refused, not guessed.
            return Outcome.of(toMarketEvents(
                    List.of(new EngineEvent.Rejected(
                            id, e.tenant(), "order event not understood: kind, limitPrice and currency are required")),
                    at));
        }
        if (OrderEvent.AMENDED.equals(e.type())) {
            if (!engine.rests(id)) {
                // Not here (yet): it may be on its way between hubs; it takes these terms when it arrives.
                amendedBeforeArrival.put(id, command.payload(), at);
                return Outcome.NOTHING;
            }
            Outcome amendedOutcome = Outcome.of(toMarketEvents(engine.amendOrder(OrderSpecs.of(e, null)), at));
            if (!engine.rests(id)) {
                movable.remove(id);
            } else if (movable.containsKey(id)) {
                movable.put(id, command.payload());
            }
            return tidy(amendedOutcome);
        }
        if (!OrderEvent.PLACED.equals(e.type())) {
            return Outcome.NOTHING;
        }
        boolean lastVisit = command.lastVisitTo(hub);
        if (cancelledBeforeArrival.contains(id)) {
            if (lastVisit) {
                cancelledBeforeArrival.remove(id);
            }
            return Outcome.of(toMarketEvents(
                    List.of(new EngineEvent.Cancelled(id, e.tenant(), "cancelled by the enterprise")), at));
        }
        // What the order already got on earlier hops, by the terms it was forwarded with.
        long filledBefore = command.remaining() == null ? 0 : OrderSpecs.total(e) - command.remaining();
        OrderEvent terms = e;
        String payload = command.payload();
        String amended = amendedBeforeArrival.get(id);
        if (amended != null) {
            OrderEvent newer = json.readValue(amended, OrderEvent.class);
            if (newer.version() > e.version()) {
                terms = newer;
                payload = amended;
            }
            if (lastVisit) {
                amendedBeforeArrival.remove(id);
            }
        }
        long remaining = OrderSpecs.total(terms) - filledBefore;
        int fillsSoFar = command.fills() == null ? 0 : command.fills();
        if (remaining <= 0) {
            // Amended down to what it already got on its way here: complete, nothing more to trade.
            return Outcome.NOTHING;
        }
        OrderSpec spec = OrderSpecs.of(terms, remaining);
        String outOfBounds = Limits.orderOutOfBounds(spec);
        if (outOfBounds != null) {
            return Outcome.of(toMarketEvents(List.of(new EngineEvent.Rejected(id, e.tenant(), outOfBounds)), at));
        }
        String hop = hopKey(id, command.leg(), command.hopOrZero());
        if (command.lastHop()) {
            List<EngineEvent> placed;
            placedHere.put(id, true, at);
            if (command.leg() == null) {
                placed = engine.placeOrder(spec, fillsSoFar, filledBefore);
            } else if (sweptHops.contains(hop)) {
                return Outcome.NOTHING; // a redelivered return from a move
            } else {
                sweptHops.put(hop, true, at);
                placed = engine.returnOrder(spec, fillsSoFar, filledBefore);
            }
            if (engine.rests(id) && !spec.allowedHubs().equals(Set.of(hub))) {
                movable.put(id, payload);
            }
            return tidy(Outcome.of(toMarketEvents(placed, at)));
        }
        if (sweptHops.contains(hop)) {
            return Outcome.NOTHING;
        }
        sweptHops.put(hop, true, at);
        List<EngineEvent.Fill> swept = engine.sweep(spec, fillsSoFar, filledBefore);
        long left = remaining;
        for (EngineEvent.Fill f : swept) {
            left -= f.units();
        }
        List<MarketEvent> events = toMarketEvents(new ArrayList<>(swept), at);
        // Forwarded with the newest terms it knows, and what is left of them.
        return left <= 0
                ? Outcome.of(events)
                : new Outcome(events, List.of(command.forward(payload, left, fillsSoFar + swept.size())));
    }

    /**
     * A placement older than a version seen here is normally a redelivery, except when its amendment got here
     * first (a failed send of the placement, sent again after the amendment's) and the placement has neither
     * rested nor swept here since: it arrives now, and takes the parked terms below.
     */
    private boolean arrivesAfterItsAmendment(MarketCommand command, OrderEvent e) {
        UUID id = e.orderId();
        return OrderEvent.PLACED.equals(e.type())
                && amendedBeforeArrival.contains(id)
                && !placedHere.contains(id)
                && !sweptHops.contains(hopKey(id, command.leg(), 0));
    }

    /** A sweep's once-only key: the order, the journey (null: its first route) and the hop. */
    private static String hopKey(UUID id, String leg, int hop) {
        return leg == null ? id + "#" + hop : id + "#" + leg + "#" + hop;
    }

    /** Forgets the movable orders an outcome took out of the book (filled, cancelled, expired). */
    private Outcome tidy(Outcome outcome) {
        for (MarketEvent e : outcome.events()) {
            if (e.orderId() != null && movable.containsKey(e.orderId()) && !engine.rests(e.orderId())) {
                movable.remove(e.orderId());
            }
        }
        return outcome;
    }

    private void forgetBefore(long at) {
        placedHere.forgetBefore(at, engine::forgetOrder);
        withdrawnHere.forgetBefore(at, engine::forgetWithdrawal);
        orderVersions.forgetBefore(at);
        sweptHops.forgetBefore(at);
        cancelledBeforeArrival.forgetBefore(at);
        amendedBeforeArrival.forgetBefore(at);
    }

    /**
     * Market data per model and currency: listed capacity (windows not yet over), the best asks among offerings
     * with a device still free in some hour to come (a fully leased offering is no ask anyone can take), resting
     * bids, trades.
     */
    List<BookSummary> summaries(Instant now) {
        long nowHour = hour(now);
        Map<String, Summary> rows = new TreeMap<>();
        for (OfferingSpec o : engine.offerings()) {
            if (o.untilHour() > nowHour) {
                rows.computeIfAbsent(o.model() + "|" + o.currency(), k -> new Summary(o.model(), o.currency()))
                        .add(o, engine.firstFreeHour(o.id(), nowHour));
            }
        }
        for (OrderSpec o : engine.restingOrderSpecs()) {
            if (!o.throughput()) {
                for (String model : o.models()) {
                    rows.computeIfAbsent(model + "|" + o.currency(), k -> new Summary(model, o.currency()))
                            .bid(o.limitPrice());
                }
            }
        }
        tapes.forEach((key, tape) -> {
            String[] parts = key.split("\\|", 2);
            rows.computeIfAbsent(key, k -> new Summary(parts[0], parts[1])).tape = tape;
        });
        List<BookSummary> out = new ArrayList<>(rows.size());
        rows.values().forEach(s -> out.add(s.toSummary(hub, now)));
        return out;
    }

    /** Everything this market knows, as values (see MarketSnapshot). */
    MarketSnapshot.Hub snapshot() {
        Map<String, MarketSnapshot.Tape> tapeStates = new TreeMap<>();
        tapes.forEach((key, tape) -> tapeStates.put(key, tape.state()));
        return new MarketSnapshot.Hub(
                hub,
                engine.state(),
                new TreeMap<>(inputsApplied),
                orderVersions.entries(),
                sweptHops.entries(),
                cancelledBeforeArrival.entries(),
                amendedBeforeArrival.entries(),
                placedHere.entries(),
                withdrawnHere.entries(),
                new LinkedHashMap<>(movable),
                tapeStates);
    }

    /** The market a snapshot was taken of: it goes on exactly as that one would have. */
    static HubMarket restore(MarketSnapshot.Hub state) {
        HubMarket market = new HubMarket(state.hub(), MatchingEngine.indexed(state.engine()));
        market.inputsApplied.putAll(state.inputsApplied());
        market.orderVersions.restore(state.orderVersions());
        market.sweptHops.restore(state.sweptHops());
        market.cancelledBeforeArrival.restore(state.cancelledBeforeArrival());
        market.amendedBeforeArrival.restore(state.amendedBeforeArrival());
        market.placedHere.restore(state.placedHere());
        market.withdrawnHere.restore(state.withdrawnHere());
        market.movable.putAll(state.movable());
        state.tapes().forEach((key, tape) -> market.tapes.put(key, TradeTape.of(tape)));
        return market;
    }

    /** How many entries the market remembers beyond its book: bounded by its memory window. */
    int remembered() {
        return engine.remembered()
                + orderVersions.size()
                + sweptHops.size()
                + cancelledBeforeArrival.size()
                + amendedBeforeArrival.size()
                + placedHere.size()
                + withdrawnHere.size();
    }

    String stateHash() {
        StringBuilder state = new StringBuilder(engine.stateHash());
        state.append(inputsApplied).append(';');
        placedHere.forEach((k, v) -> state.append(k).append(';'));
        withdrawnHere.forEach((k, v) -> state.append(k).append(';'));
        orderVersions.forEach((k, v) -> state.append(k).append('=').append(v).append(';'));
        sweptHops.forEach((k, v) -> state.append(k).append(';'));
        cancelledBeforeArrival.forEach((k, v) -> state.append(k).append(';'));
        amendedBeforeArrival.forEach(
                (k, v) -> state.append(k).append('=').append(v).append(';'));
        movable.forEach((k, v) -> state.append(k).append('~').append(v).append(';'));
        return Sha256.hex(state.toString());
    }

    private List<MarketEvent> toMarketEvents(List<? extends EngineEvent> events, long atSecond) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (EngineEvent event : events) {
            out.add(
                    switch (event) {
                        case EngineEvent.Fill f -> {
                            tapes.computeIfAbsent(f.model() + "|" + f.currency(), k -> new TradeTape())
                                    .record(new BookSummary.Trade(
                                            Instant.ofEpochSecond(atSecond),
                                            f.pricePerDeviceHour(),
                                            f.devices(),
                                            f.endHour() - f.startHour()));
                            yield new MarketEvent(
                                    f.fillId(),
                                    MarketEvent.FILL,
                                    now,
                                    f.hub(),
                                    f.orderId(),
                                    f.orderTenant(),
                                    f.offeringId(),
                                    f.offeringTenant(),
                                    f.model(),
                                    f.siteId(),
                                    f.pueMilli(),
                                    f.tdpWatts(),
                                    f.gflopsPerDevice(),
                                    f.devices(),
                                    instant(f.startHour()),
                                    instant(f.endHour()),
                                    f.pricePerDeviceHour(),
                                    f.cost(),
                                    f.currency(),
                                    null);
                        }
                        case EngineEvent.Resting r ->
                            verdict(MarketEvent.ORDER_RESTING, now, r.orderId(), r.orderTenant(), r.reason());
                        case EngineEvent.Rejected r ->
                            verdict(MarketEvent.ORDER_REJECTED, now, r.orderId(), r.orderTenant(), r.reason());
                        case EngineEvent.Cancelled r ->
                            verdict(MarketEvent.ORDER_CANCELLED, now, r.orderId(), r.orderTenant(), r.reason());
                        case EngineEvent.Expired r ->
                            verdict(MarketEvent.ORDER_EXPIRED, now, r.orderId(), r.orderTenant(), r.reason());
                    });
        }
        return out;
    }

    private MarketEvent verdict(String type, Instant now, UUID orderId, String tenant, String reason) {
        // A verdict's id is derived from the order and the verdict, so a replay does not invent a new one.
        UUID id = UUID.nameUUIDFromBytes((type + ":" + orderId).getBytes(StandardCharsets.UTF_8));
        return new MarketEvent(
                id, type, now, hub, orderId, tenant, null, null, null, null, null, null, null, null, null, null, null,
                null, null, reason);
    }

    static long hour(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), SECONDS_PER_HOUR);
    }

    private static Instant instant(long hour) {
        return Instant.ofEpochSecond(hour * SECONDS_PER_HOUR);
    }

    /** Accumulates one row of market data. */
    private static final class Summary {
        final String model;
        final String currency;
        int offerings;
        long devices;
        Long bestAsk;
        long bestAskFromHour;
        final Map<String, Long> bestAskPerPflopHour = new TreeMap<>();
        Map<String, Long> peaks = Map.of();
        int resting;
        Long bestBid;
        TradeTape tape;

        Summary(String model, String currency) {
            this.model = model;
            this.currency = currency;
        }

        /** A listed offering; an ask only if it has a free device from {@code firstFreeHour} on (-1: none). */
        void add(OfferingSpec o, long firstFreeHour) {
            offerings++;
            devices += o.devices();
            peaks = o.peakGflops();
            if (firstFreeHour < 0) {
                return;
            }
            if (bestAsk == null
                    || o.pricePerDeviceHour() < bestAsk
                    || o.pricePerDeviceHour() == bestAsk && firstFreeHour < bestAskFromHour) {
                bestAsk = o.pricePerDeviceHour();
                bestAskFromHour = firstFreeHour;
            }
            o.peakGflops().forEach((precision, peak) -> {
                if (peak != null && peak > 0) {
                    bestAskPerPflopHour.merge(
                            precision, (o.pricePerDeviceHour() * 1_000_000 + peak / 2) / peak, Math::min);
                }
            });
        }

        void bid(long limit) {
            resting++;
            bestBid = bestBid == null ? limit : Math.max(bestBid, limit);
        }

        BookSummary toSummary(String hub, Instant now) {
            return new BookSummary(
                    BookSummary.TYPE,
                    hub,
                    model,
                    currency,
                    now,
                    offerings,
                    devices,
                    bestAsk,
                    bestAsk == null ? null : instant(bestAskFromHour),
                    bestAskPerPflopHour,
                    new TreeMap<>(peaks),
                    resting,
                    bestBid,
                    tape == null ? null : tape.lastPrice(),
                    tape == null ? 0 : tape.trades,
                    tape == null ? 0 : tape.deviceHours,
                    tape == null ? 0 : tape.turnover,
                    tape == null ? List.of() : tape.recent());
        }
    }
}
