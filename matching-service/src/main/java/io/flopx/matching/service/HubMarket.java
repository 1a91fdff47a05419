package io.flopx.matching.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.MatchingEngine;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.messaging.BookSummary;
import io.flopx.matching.messaging.MarketCommand;
import io.flopx.matching.messaging.MarketEvent;
import io.flopx.matching.messaging.OfferingEvent;
import io.flopx.matching.messaging.OrderEvent;

/**
 * One hub's market: its engine, plus what keeps redelivered and replayed commands from acting twice
 * (order versions, the hops already swept, cancels that arrived before their order) and the trade tape
 * per model. Everything here is rebuilt by replaying the hub's commands.
 */
final class HubMarket {

    private static final long SECONDS_PER_HOUR = 3600;

    final String hub;
    final MatchingEngine engine = MatchingEngine.indexed();
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
    private final Map<String, TradeTape> tapes = new TreeMap<>();

    HubMarket(String hub) {
        this.hub = hub;
    }

    Outcome apply(MarketCommand command, ObjectMapper json) throws JsonProcessingException {
        long at = command.atSecond() == null ? 0 : command.atSecond();
        return switch (command.kind()) {
            case MarketCommand.OFFERING -> onOffering(json.readValue(command.payload(), OfferingEvent.class), at);
            case MarketCommand.ORDER -> onOrder(command, json.readValue(command.payload(), OrderEvent.class), at, json);
            case MarketCommand.CLOCK -> Outcome.of(toMarketEvents(engine.expire(at), at));
            default -> Outcome.NOTHING;
        };
    }

    /** Each record carries the offering's full state; the engine keeps the newest version it has seen. */
    private Outcome onOffering(OfferingEvent e, long at) {
        OfferingSpec spec = new OfferingSpec(e.offeringId(), e.tenant(), e.model(), e.hub(), e.siteId(), e.pueMilli(),
                e.greenRating(), e.interconnect(), e.tdpWatts(), e.peakGflops() == null ? Map.of() : e.peakGflops(),
                e.devices(), hour(e.availableFrom()), hour(e.availableUntil()), e.pricePerDeviceHour(), e.currency());
        return switch (e.type()) {
            case OfferingEvent.LISTED, OfferingEvent.AMENDED -> Outcome.of(toMarketEvents(engine.putOffering(spec, e.version()), at));
            case OfferingEvent.WITHDRAWN -> {
                engine.withdrawOffering(e.offeringId(), e.version());
                yield Outcome.NOTHING;
            }
            default -> Outcome.NOTHING;
        };
    }

    private Outcome onOrder(MarketCommand command, OrderEvent e, long at, ObjectMapper json) throws JsonProcessingException {
        UUID id = e.orderId();
        forgetBefore(at);
        if (OrderEvent.CANCEL_REQUESTED.equals(e.type())) {
            List<EngineEvent> cancelled = engine.cancelOrder(id, "cancelled by the enterprise");
            if (cancelled.isEmpty()) {
                cancelledBeforeArrival.put(id, true, at);
            }
            return Outcome.of(toMarketEvents(cancelled, at));
        }
        boolean firstHop = command.hopOrZero() == 0;
        if (firstHop) {
            Long seen = orderVersions.get(id);
            if (seen != null && e.version() <= seen) {
                return Outcome.NOTHING;
            }
            orderVersions.put(id, e.version(), at);
        }
        if (e.kind() == null || e.limitPrice() <= 0 || e.currency() == null) {
            // An order event in a shape this matcher does not know (an older schema, say) is refused, not guessed.
            return Outcome.of(toMarketEvents(List.of(new EngineEvent.Rejected(id, e.tenant(),
                    "order event not understood: kind, limitPrice and currency are required")), at));
        }
        if (OrderEvent.AMENDED.equals(e.type())) {
            if (!engine.rests(id)) {
                // Not here (yet): it may be on its way between hubs; it takes these terms when it arrives.
                amendedBeforeArrival.put(id, command.payload(), at);
                return Outcome.NOTHING;
            }
            return Outcome.of(toMarketEvents(engine.amendOrder(OrderSpecs.of(e, null)), at));
        }
        if (!OrderEvent.PLACED.equals(e.type())) {
            return Outcome.NOTHING;
        }
        boolean lastVisit = command.lastVisitTo(hub);
        if (cancelledBeforeArrival.contains(id)) {
            if (lastVisit) {
                cancelledBeforeArrival.remove(id);
            }
            return Outcome.of(toMarketEvents(List.of(new EngineEvent.Cancelled(id, e.tenant(), "cancelled by the enterprise")), at));
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
        if (command.lastHop()) {
            return Outcome.of(toMarketEvents(engine.placeOrder(spec, fillsSoFar, filledBefore), at));
        }
        String hop = id + "#" + command.hopOrZero();
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
        return left <= 0 ? Outcome.of(events)
                : new Outcome(events, List.of(command.forward(payload, left, fillsSoFar + swept.size())));
    }

    private void forgetBefore(long at) {
        orderVersions.forgetBefore(at);
        sweptHops.forgetBefore(at);
        cancelledBeforeArrival.forgetBefore(at);
        amendedBeforeArrival.forgetBefore(at);
    }

    /** Market data per model and currency: listed capacity (windows not yet over), resting bids, trades. */
    List<BookSummary> summaries(Instant now) {
        long nowHour = hour(now);
        Map<String, Summary> rows = new TreeMap<>();
        for (OfferingSpec o : engine.offerings()) {
            if (o.untilHour() > nowHour) {
                rows.computeIfAbsent(o.model() + "|" + o.currency(), k -> new Summary(o.model(), o.currency())).add(o);
            }
        }
        for (OrderSpec o : engine.restingOrderSpecs()) {
            if (!o.throughput()) {
                for (String model : o.models()) {
                    rows.computeIfAbsent(model + "|" + o.currency(), k -> new Summary(model, o.currency())).bid(o.limitPrice());
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

    String stateHash() {
        StringBuilder state = new StringBuilder(engine.stateHash());
        orderVersions.forEach((k, v) -> state.append(k).append('=').append(v).append(';'));
        sweptHops.forEach((k, v) -> state.append(k).append(';'));
        cancelledBeforeArrival.forEach((k, v) -> state.append(k).append(';'));
        amendedBeforeArrival.forEach((k, v) -> state.append(k).append('=').append(v).append(';'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<MarketEvent> toMarketEvents(List<? extends EngineEvent> events, long atSecond) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (EngineEvent event : events) {
            out.add(switch (event) {
                case EngineEvent.Fill f -> {
                    tapes.computeIfAbsent(f.model() + "|" + f.currency(), k -> new TradeTape())
                            .record(new BookSummary.Trade(Instant.ofEpochSecond(atSecond), f.pricePerDeviceHour(), f.devices(),
                                    f.endHour() - f.startHour()));
                    yield new MarketEvent(f.fillId(), MarketEvent.FILL, now, f.hub(), f.orderId(), f.orderTenant(),
                            f.offeringId(), f.offeringTenant(), f.model(), f.siteId(), f.pueMilli(), f.tdpWatts(),
                            f.gflopsPerDevice(), f.devices(), instant(f.startHour()), instant(f.endHour()),
                            f.pricePerDeviceHour(), f.cost(), f.currency(), null);
                }
                case EngineEvent.Resting r -> verdict(MarketEvent.ORDER_RESTING, now, r.orderId(), r.orderTenant(), r.reason());
                case EngineEvent.Rejected r -> verdict(MarketEvent.ORDER_REJECTED, now, r.orderId(), r.orderTenant(), r.reason());
                case EngineEvent.Cancelled r -> verdict(MarketEvent.ORDER_CANCELLED, now, r.orderId(), r.orderTenant(), r.reason());
                case EngineEvent.Expired r -> verdict(MarketEvent.ORDER_EXPIRED, now, r.orderId(), r.orderTenant(), r.reason());
            });
        }
        return out;
    }

    private MarketEvent verdict(String type, Instant now, UUID orderId, String tenant, String reason) {
        // A verdict's id is derived from the order and the verdict, so a replay does not invent a new one.
        UUID id = UUID.nameUUIDFromBytes((type + ":" + orderId).getBytes(StandardCharsets.UTF_8));
        return new MarketEvent(id, type, now, hub, orderId, tenant, null, null, null, null, null, null, null, null, null,
                null, null, null, null, reason);
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
        final Map<String, Long> bestAskPerPflopHour = new TreeMap<>();
        Map<String, Long> peaks = Map.of();
        int resting;
        Long bestBid;
        TradeTape tape;

        Summary(String model, String currency) {
            this.model = model;
            this.currency = currency;
        }

        void add(OfferingSpec o) {
            offerings++;
            devices += o.devices();
            bestAsk = bestAsk == null ? o.pricePerDeviceHour() : Math.min(bestAsk, o.pricePerDeviceHour());
            peaks = o.peakGflops();
            o.peakGflops().forEach((precision, peak) -> {
                if (peak != null && peak > 0) {
                    bestAskPerPflopHour.merge(precision, (o.pricePerDeviceHour() * 1_000_000 + peak / 2) / peak, Math::min);
                }
            });
        }

        void bid(long limit) {
            resting++;
            bestBid = bestBid == null ? limit : Math.max(bestBid, limit);
        }

        BookSummary toSummary(String hub, Instant now) {
            return new BookSummary(BookSummary.TYPE, hub, model, currency, now, offerings, devices, bestAsk,
                    bestAskPerPflopHour, new TreeMap<>(peaks), resting, bestBid, tape == null ? null : tape.lastPrice(),
                    tape == null ? 0 : tape.trades, tape == null ? 0 : tape.deviceHours, tape == null ? 0 : tape.turnover,
                    tape == null ? List.of() : tape.recent());
        }
    }
}
