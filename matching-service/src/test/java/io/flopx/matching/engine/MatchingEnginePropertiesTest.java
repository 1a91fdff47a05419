package io.flopx.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random command sequences against both engines, checking the invariants the exchange promises: no slot
 * leased beyond its devices, no trade beyond either side's price, fills inside every order constraint,
 * all-or-none and immediate-or-cancel honoured, the same commands always giving the same events and
 * state; the reference and the indexed engine deciding identically; a quote predicting the trade.
 */
class MatchingEnginePropertiesTest {

    static final long H = 480_000;
    static final List<String> MODELS = List.of("BIG", "SMALL");
    /** Only BIG devices offer FP8 (at twice their FP16 peak): a precision some models lack. */
    static final Map<String, Map<String, Long>> PEAKS =
            Map.of("BIG", Map.of("FP16", 1_000_000L, "FP8", 2_000_000L), "SMALL", Map.of("FP16", 250_000L));

    static final List<String> HUBS = List.of("gansu", "ningxia");

    sealed interface Command {}

    record PutOffering(
            int n, int version, String model, String hub, int site, int devices, int from, int until, long price)
            implements Command {}

    record Withdraw(int n, int version) implements Command {}

    record Place(
            int n,
            boolean throughput,
            String model,
            long quantity,
            int hours,
            int earliest,
            int latest,
            long limit,
            String hub,
            boolean partial,
            long minFill,
            boolean sameSite,
            boolean ioc,
            int goodTill)
            implements Command {}

    record Cancel(int n) implements Command {}

    record Amend(int n, long quantity, long limit) implements Command {}

    record Expire(int second) implements Command {}

    @Provide
    Arbitrary<List<Command>> commands() {
        Arbitrary<Command> put = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(MODELS),
                        Arbitraries.of(HUBS),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(2, 14))
                .flatAs((n, v, model, hub, site, devices, from, len) -> Arbitraries.longs()
                        .between(100, 3000)
                        .map(price ->
                                (Command) new PutOffering(n, v, model, hub, site, devices, from, from + len, price)));
        Arbitrary<Command> place = Combinators.combine(
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.of(true, false),
                        Arbitraries.of("BIG", "SMALL", "any"),
                        Arbitraries.integers().between(1, 20),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.longs().between(100, 4000))
                .flatAs((n, throughput, model, qty, hours, earliest, spread, limit) -> Combinators.combine(
                                Arbitraries.of("gansu", "ningxia", "any", "both"),
                                Arbitraries.of(true, false),
                                Arbitraries.integers().between(1, 5),
                                Arbitraries.of(true, false),
                                Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 100))
                        .as((hub, partial, minFill, gang, ioc, goodTill) -> (Command) new Place(
                                n,
                                throughput,
                                model,
                                throughput ? qty * 250_000L : qty,
                                hours,
                                earliest,
                                earliest + spread,
                                limit,
                                hub,
                                partial,
                                throughput ? minFill * 250_000L : minFill,
                                gang,
                                ioc,
                                goodTill)));
        Arbitrary<Command> withdraw = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 4))
                .as(Withdraw::new);
        Arbitrary<Command> cancel = Arbitraries.integers().between(0, 30).map(Cancel::new);
        Arbitrary<Command> amend = Combinators.combine(
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.longs().between(100, 4000))
                .as((n, qty, limit) -> (Command) new Amend(n, qty, limit));
        Arbitrary<Command> expire = Arbitraries.integers().between(0, 100).map(Expire::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, put),
                        net.jqwik.api.Tuple.of(6, place),
                        net.jqwik.api.Tuple.of(1, withdraw),
                        net.jqwik.api.Tuple.of(1, cancel),
                        net.jqwik.api.Tuple.of(1, expire),
                        net.jqwik.api.Tuple.of(1, amend))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    @Property(tries = 300)
    void invariantsHoldInTheReferenceEngine(@ForAll("commands") List<Command> commands) {
        checkInvariants(MatchingEngine.reference(), commands);
    }

    @Property(tries = 300)
    void invariantsHoldInTheIndexedEngine(@ForAll("commands") List<Command> commands) {
        checkInvariants(MatchingEngine.indexed(), commands);
    }

    @Property(tries = 500)
    void theIndexedEngineDecidesExactlyAsTheReference(@ForAll("commands") List<Command> commands) {
        MatchingEngine reference = MatchingEngine.reference();
        MatchingEngine indexed = MatchingEngine.indexed();
        Map<UUID, OrderSpec> orders = new HashMap<>();
        for (Command c : commands) {
            assertEquals(
                    apply(reference, c, orders, new HashMap<>()),
                    apply(indexed, c, orders, new HashMap<>()),
                    "different events for " + c);
        }
        assertEquals(reference.stateHash(), indexed.stateHash());
    }

    @Property(tries = 300)
    void aQuoteIsTheTradeAnOrderGetsAtOnce(@ForAll("commands") List<Command> commands) {
        MatchingEngine engine = MatchingEngine.indexed();
        Map<UUID, OrderSpec> orders = new HashMap<>();
        for (Command c : commands) {
            if (c instanceof Place p && !orders.containsKey(orderId(p.n()))) {
                String before = engine.stateHash();
                List<EngineEvent.Fill> quoted = engine.quote(spec(p));
                assertEquals(before, engine.stateHash(), "a quote changed the book");
                List<String> traded = apply(engine, c, orders, new HashMap<>()).stream()
                        .filter(e -> e instanceof EngineEvent.Fill)
                        .map(e -> terms((EngineEvent.Fill) e))
                        .toList();
                assertEquals(
                        quoted.stream().map(MatchingEnginePropertiesTest::terms).toList(), traded);
            } else {
                apply(engine, c, orders, new HashMap<>());
            }
        }
    }

    private static String terms(EngineEvent.Fill f) {
        return f.offeringId() + " " + f.devices() + "x" + f.startHour() + "-" + f.endHour() + "@"
                + f.pricePerDeviceHour();
    }

    private static void checkInvariants(MatchingEngine engine, List<Command> commands) {
        Map<UUID, OrderSpec> orders = new HashMap<>();
        Map<UUID, OfferingSpec> asks = new HashMap<>();
        Map<String, Integer> leased = new HashMap<>();
        Map<UUID, String> gangs = new HashMap<>();
        for (Command c : commands) {
            List<EngineEvent> events = apply(engine, c, orders, asks);
            for (EngineEvent e : events) {
                if (e instanceof EngineEvent.Fill f) {
                    checkFill(f, orders.get(f.orderId()), asks.get(f.offeringId()));
                    for (long h = f.startHour(); h < f.endHour(); h++) {
                        leased.merge(f.offeringId() + "@" + h, f.devices(), Integer::sum);
                    }
                }
            }
            // A repeated order id is a redelivery: the order is the one first placed under it.
            if (c instanceof Place p && orders.get(orderId(p.n())).immediateOrCancel()) {
                UUID id = orderId(p.n());
                assertTrue(
                        engine.restingOrderSpecs().stream().noneMatch(o -> o.id().equals(id)), "an IOC order rested");
            }
            if (c instanceof Place p) {
                checkStep(orders.get(orderId(p.n())), events);
            }
            for (EngineEvent e : events) {
                if (e instanceof EngineEvent.Fill f && orders.get(f.orderId()).sameSite()) {
                    String place = f.siteId() + "|" + f.model() + "|" + f.startHour();
                    assertEquals(gangs.computeIfAbsent(f.orderId(), k -> place), place, "a gang split between places");
                }
            }
        }
        for (OfferingSpec o : engine.offerings()) {
            for (long h = o.fromHour(); h < o.untilHour(); h++) {
                int booked = engine.leasedAt(o.id(), h);
                assertTrue(booked <= o.devices(), "oversold " + o.id() + " at " + h);
                assertEquals(leased.getOrDefault(o.id() + "@" + h, 0), booked, "ledger and fills disagree");
            }
        }
    }

    /**
     * What one placement took: all-or-none takes the whole order or nothing, at one start; a partial order
     * at least its minimum (or its whole quantity, if smaller) or nothing, its first step at one start.
     */
    private static void checkStep(OrderSpec o, List<EngineEvent> events) {
        List<EngineEvent.Fill> fills = events.stream()
                .filter(e -> e instanceof EngineEvent.Fill f && f.orderId().equals(o.id()))
                .map(e -> (EngineEvent.Fill) e)
                .toList();
        if (fills.isEmpty()) {
            return;
        }
        long units = fills.stream().mapToLong(EngineEvent.Fill::units).sum();
        if (!o.partial()) {
            assertTrue(units >= o.quantity(), "all-or-none filled in part: " + units + " of " + o.quantity());
            assertEquals(
                    1,
                    fills.stream().map(EngineEvent.Fill::startHour).distinct().count(),
                    "all-or-none across starts");
        } else {
            assertTrue(
                    units >= Math.min(o.minFill(), o.quantity()),
                    "below the minimum fill: " + units + " < " + o.minFill());
        }
    }

    /**
     * The order's life as order-service runs it (an amendment may not go below what it has seen filled; one to
     * exactly that completes the order) against each engine, with random listings, withdrawals, amendments,
     * cancels and expiries: after every step no order has more than it ordered (a throughput order's last fill
     * may round up to whole devices, but no fill comes once it is complete) and no slot is leased beyond its
     * devices.
     */
    @Property(tries = 300)
    void ordersNeverOverfillUnderOrderServiceRules(@ForAll("commands") List<Command> commands) {
        for (MatchingEngine engine : List.of(MatchingEngine.reference(), MatchingEngine.indexed())) {
            Map<UUID, long[]> book = new HashMap<>(); // order → {ordered, filled, complete (0/1)}
            Map<UUID, OrderSpec> orders = new HashMap<>();
            for (Command c : commands) {
                if (c instanceof Amend a) {
                    long[] o = book.get(orderId(a.n()));
                    long quantity = orders.containsKey(orderId(a.n()))
                                    && orders.get(orderId(a.n())).throughput()
                            ? a.quantity() * 250_000L
                            : a.quantity();
                    if (o == null || o[2] == 1 || quantity < o[1] || quantity == 0) {
                        continue; // order-service refuses: unknown, closed, below what is filled, or nothing
                    }
                    o[0] = quantity;
                    if (quantity == o[1]) {
                        o[2] = 1;
                    }
                }
                List<EngineEvent> events = apply(engine, c, orders, new HashMap<>());
                if (c instanceof Place p) {
                    book.putIfAbsent(orderId(p.n()), new long[] {
                        orders.get(orderId(p.n())).quantity(), 0, 0
                    });
                }
                for (EngineEvent e : events) {
                    if (e instanceof EngineEvent.Fill f) {
                        long[] o = book.get(f.orderId());
                        assertTrue(o[1] < o[0] && o[2] == 0, "a fill for a complete order " + f.orderId());
                        o[1] += f.units();
                        if (f.gflopsPerDevice() == null) {
                            assertTrue(o[1] <= o[0], "filled " + o[1] + " of " + o[0]);
                        }
                        if (o[1] >= o[0]) {
                            o[2] = 1;
                        }
                    } else if (!(e instanceof EngineEvent.Resting)) {
                        book.get(e.orderId())[2] = 1;
                    }
                }
                for (OfferingSpec o : engine.offerings()) {
                    for (long h = o.fromHour(); h < o.untilHour(); h++) {
                        assertTrue(engine.leasedAt(o.id(), h) <= o.devices(), "oversold " + o.id() + " at " + h);
                    }
                }
            }
        }
    }

    @Property(tries = 200)
    void aReplayGivesTheSameEventsAndState(@ForAll("commands") List<Command> commands) {
        MatchingEngine first = MatchingEngine.indexed();
        MatchingEngine replay = MatchingEngine.indexed();
        assertEquals(run(first, commands), run(replay, commands));
        assertEquals(first.stateHash(), replay.stateHash());
    }

    private static List<EngineEvent> run(MatchingEngine engine, List<Command> commands) {
        List<EngineEvent> all = new ArrayList<>();
        for (Command c : commands) {
            all.addAll(apply(engine, c, new HashMap<>(), new HashMap<>()));
        }
        return all;
    }

    private static void checkFill(EngineEvent.Fill f, OrderSpec o, OfferingSpec ask) {
        assertNotEquals(o.tenant(), ask.tenant(), "an order met its own tenant's offering (a self-trade)");
        assertTrue(o.models().isEmpty() || o.models().contains(f.model()), "wrong model");
        assertTrue(o.allowedHubs().isEmpty() || o.allowedHubs().contains(f.hub()), "wrong hub");
        assertTrue(
                o.minReliabilityBps() == null
                        || ask.reliabilityBps() != null && ask.reliabilityBps() >= o.minReliabilityBps(),
                "an offering below the order's delivery record");
        assertTrue(
                f.startHour() >= o.earliestStartHour() && f.startHour() <= o.latestStartHour(), "start outside window");
        assertEquals(o.durationHours(), f.endHour() - f.startHour(), "wrong duration");
        assertTrue(f.pricePerDeviceHour() >= ask.pricePerDeviceHour(), "traded below the ask");
        if (o.throughput()) {
            assertEquals(PEAKS.get(f.model()).get(o.precision()), f.gflopsPerDevice(), "a model without the precision");
            assertTrue(
                    f.pricePerDeviceHour() * 1_000_000 <= o.limitPrice() * f.gflopsPerDevice(),
                    "above the PFLOP-hour limit");
        } else {
            assertTrue(f.pricePerDeviceHour() <= o.limitPrice(), "above the device-hour limit");
        }
    }

    private static List<EngineEvent> apply(
            MatchingEngine engine, Command c, Map<UUID, OrderSpec> orders, Map<UUID, OfferingSpec> asks) {
        return switch (c) {
            case PutOffering p -> {
                OfferingSpec spec = new OfferingSpec(
                        offeringId(p.n()),
                        // Some asks are the buyers' own (resale listings): never met by their orders.
                        p.n() % 4 == 0 ? "ent" : "prov",
                        p.model(),
                        p.hub(),
                        siteId(p.site()),
                        1200,
                        4,
                        "INFINIBAND",
                        500,
                        PEAKS.get(p.model()),
                        p.devices(),
                        H + p.from(),
                        H + p.until(),
                        p.price(),
                        "CNY",
                        reliability(p));
                // The engine may keep an older ask (stale versions): record the ask of the version it holds.
                List<EngineEvent> events = engine.putOffering(spec, p.version());
                engine.offerings().stream()
                        .filter(o -> o.id().equals(spec.id()))
                        .findFirst()
                        .ifPresent(held -> asks.put(held.id(), held));
                yield events;
            }
            case Withdraw w -> {
                engine.withdrawOffering(offeringId(w.n()), w.version());
                yield List.of();
            }
            case Place p -> {
                OrderSpec spec = spec(p);
                orders.putIfAbsent(spec.id(), spec);
                yield engine.placeOrder(spec);
            }
            case Cancel k -> engine.cancelOrder(orderId(k.n()), "test");
            case Amend a -> {
                OrderSpec placed = orders.get(orderId(a.n()));
                if (placed == null) {
                    yield List.of();
                }
                long quantity = placed.throughput() ? a.quantity() * 250_000L : a.quantity();
                OrderSpec amended = new OrderSpec(
                        placed.id(),
                        placed.tenant(),
                        placed.throughput(),
                        placed.models(),
                        quantity,
                        placed.precision(),
                        placed.durationHours(),
                        placed.earliestStartHour(),
                        placed.latestStartHour(),
                        a.limit(),
                        placed.currency(),
                        placed.allowedHubs(),
                        null,
                        null,
                        null,
                        placed.sameSite(),
                        placed.partial(),
                        Math.min(placed.minFill(), quantity),
                        placed.immediateOrCancel(),
                        placed.goodTillSecond(),
                        placed.minReliabilityBps());
                // The checks compare fills with the order's newest terms.
                orders.put(amended.id(), amended);
                yield engine.amendOrder(amended);
            }
            case Expire e -> engine.expire(e.second());
        };
    }

    /** Throughput orders use FP16 or, for odd numbers, FP8; devices orders one model or any. */
    static OrderSpec spec(Place p) {
        Set<String> hubs = switch (p.hub()) {
            case "any" -> Set.of();
            case "both" -> Set.copyOf(HUBS);
            default -> Set.of(p.hub());
        };
        Set<String> models = p.throughput() || p.model().equals("any") ? Set.of() : Set.of(p.model());
        String precision = p.throughput() && p.n() % 2 == 1 ? "FP8" : "FP16";
        return new OrderSpec(
                orderId(p.n()),
                "ent",
                p.throughput(),
                models,
                p.quantity(),
                precision,
                p.hours(),
                H + p.earliest(),
                H + p.latest(),
                p.limit(),
                "CNY",
                hubs,
                null,
                null,
                null,
                p.sameSite(),
                p.partial(),
                p.partial() ? Math.min(p.minFill(), p.quantity()) : p.quantity(),
                p.ioc(),
                p.ioc() ? 0 : p.goodTill(),
                p.n() % 3 == 0 ? 9900 : null);
    }

    /**
     * No history, 99.5 % or 98 %, changing with the version as the catalog re-rates a site: a third of the
     * orders ask for 99 %, so offerings move in and out of their reach.
     */
    static Integer reliability(PutOffering p) {
        return switch ((p.n() + p.version()) % 3) {
            case 0 -> null;
            case 1 -> 9950;
            default -> 9800;
        };
    }

    static UUID offeringId(int n) {
        return UUID.nameUUIDFromBytes(("offering-" + n).getBytes());
    }

    static UUID orderId(int n) {
        return UUID.nameUUIDFromBytes(("order-" + n).getBytes());
    }

    static UUID siteId(int n) {
        return UUID.nameUUIDFromBytes(("site-" + n).getBytes());
    }
}
