package io.flopx.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The scenario suite, run against both implementations (see {@link ReferenceEngineTest} and
 * {@link IndexedEngineTest}): each scenario must hold whichever way the engine finds its matches.
 */
abstract class MatchingEngineScenarios {

    static final long H = 500_000; // an hour far from the epoch, so hour arithmetic is exercised
    final MatchingEngine engine = newEngine();

    abstract MatchingEngine newEngine();

    static OfferingSpec offering(String name, String hub, int devices, long price) {
        return OfferingSpec.simple(id(name), "prov-" + name, "H100", hub, devices, H, H + 24, price, "CNY");
    }

    static OrderSpec order(String name, int devices, int hours, long limit, Set<String> hubs) {
        return OrderSpec.devices(id(name), "ent-" + name, "H100", devices, hours, H, H + 4, limit, "CNY", hubs);
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    @Test
    void incomingOrderTakesTheCheapestOfferingAtItsPrice() {
        engine.addOffering(offering("dear", "gansu", 8, 2000));
        engine.addOffering(offering("cheap", "ningxia", 8, 1500));
        List<EngineEvent> events = engine.placeOrder(order("o1", 4, 3, 1800, Set.of()));
        EngineEvent.Fill fill = assertInstanceOf(EngineEvent.Fill.class, events.get(0));
        assertEquals(id("cheap"), fill.offeringId());
        assertEquals(1500, fill.pricePerDeviceHour());
        assertEquals(H, fill.startHour());
        assertEquals(H + 3, fill.endHour());
        assertEquals(4L * 3 * 1500, fill.cost());
    }

    @Test
    void atEqualPriceTheOlderOfferingWins() {
        engine.addOffering(offering("first", "gansu", 8, 1500));
        engine.addOffering(offering("second", "gansu", 8, 1500));
        EngineEvent.Fill fill = (EngineEvent.Fill)
                engine.placeOrder(order("o1", 2, 1, 1500, Set.of())).get(0);
        assertEquals(id("first"), fill.offeringId());
    }

    @Test
    void anOrderWithoutCapacityRestsAndIsFilledByNewCapacityAtItsLimit() {
        engine.addOffering(offering("tooDear", "gansu", 8, 2500));
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(order("o1", 4, 2, 2000, Set.of())).get(0));
        assertEquals(1, engine.restingOrders());

        List<EngineEvent> events = engine.addOffering(offering("new", "gansu", 4, 1700));
        EngineEvent.Fill fill = assertInstanceOf(EngineEvent.Fill.class, events.get(0));
        assertEquals(id("o1"), fill.orderId());
        assertEquals(2000, fill.pricePerDeviceHour(), "the resting order's price");
        assertEquals(0, engine.restingOrders());
    }

    @Test
    void capacityIsNeverOversoldAndALaterStartInTheWindowIsUsed() {
        engine.addOffering(offering("only", "gansu", 8, 1000));
        EngineEvent.Fill a = (EngineEvent.Fill)
                engine.placeOrder(order("a", 6, 2, 1000, Set.of())).get(0);
        EngineEvent.Fill b = (EngineEvent.Fill)
                engine.placeOrder(order("b", 6, 2, 1000, Set.of())).get(0);
        assertEquals(H, a.startHour());
        assertEquals(H + 2, b.startHour(), "the first two hours hold only 2 free devices");
        for (long h = H; h < H + 24; h++) {
            assertTrue(engine.leasedAt(id("only"), h) <= 8);
        }
        // Start window [H, H+4] with 2 hours: H+4 still has 8 free.
        EngineEvent.Fill c = (EngineEvent.Fill)
                engine.placeOrder(order("c", 8, 2, 1000, Set.of())).get(0);
        assertEquals(H + 4, c.startHour());
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(order("d", 3, 4, 1000, Set.of())).get(0));
    }

    @Test
    void hubsModelAndCurrencyConstrainTheMatch() {
        engine.addOffering(offering("west", "gansu", 8, 1000));
        engine.addOffering(OfferingSpec.simple(id("a100"), "p", "A100", "ningxia", 8, H, H + 24, 500, "CNY"));
        engine.addOffering(OfferingSpec.simple(id("usd"), "p", "H100", "ningxia", 8, H, H + 24, 500, "USD"));
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(order("east", 1, 1, 5000, Set.of("ningxia"))).get(0));
        EngineEvent.Fill fill = (EngineEvent.Fill)
                engine.placeOrder(order("any", 1, 1, 5000, Set.of())).get(0);
        assertEquals(id("west"), fill.offeringId());
    }

    @Test
    void anOrderNeverMeetsItsOwnTenantsOfferingSuchAsItsResaleListing() {
        OfferingSpec cheap = offering("cheap", "gansu", 8, 900);
        engine.addOffering(OfferingSpec.simple(cheap.id(), "ent-o1", "H100", "gansu", 8, H, H + 24, 900, "CNY"));
        engine.addOffering(offering("dear", "gansu", 8, 1000));
        EngineEvent.Fill fill = (EngineEvent.Fill)
                engine.placeOrder(order("o1", 4, 2, 5000, Set.of())).get(0);
        assertEquals(id("dear"), fill.offeringId(), "its own cheaper listing is skipped");
        EngineEvent.Fill other = (EngineEvent.Fill)
                engine.placeOrder(order("o2", 4, 2, 5000, Set.of())).get(0);
        assertEquals(id("cheap"), other.offeringId(), "another tenant's order takes it");
    }

    @Test
    void anOrderAskingForADeliveryRecordSkipsNewcomersAndWeakSitesUntilOneIsRerated() {
        engine.addOffering(rated("newcomer", 8, 1000, null));
        engine.addOffering(rated("weak", 8, 1100, 9800));
        engine.addOffering(rated("proven", 4, 1200, 9950));
        EngineEvent.Fill fill =
                (EngineEvent.Fill) engine.placeOrder(minReliability(order("o1", 4, 24, 5000, Set.of()), 9900))
                        .get(0);
        assertEquals(id("proven"), fill.offeringId(), "the only one with a record of at least 99 % (now all leased)");
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(minReliability(order("o2", 4, 1, 5000, Set.of()), 9900))
                        .get(0));
        EngineEvent.Fill rerated = (EngineEvent.Fill)
                engine.putOffering(rated("weak", 8, 1100, 9920), 1).get(0);
        assertEquals(id("o2"), rerated.orderId(), "a better record is a new version that meets resting orders");
        EngineEvent.Fill anyRecord =
                (EngineEvent.Fill) engine.placeOrder(minReliability(order("o3", 8, 1, 5000, Set.of()), 0))
                        .get(0);
        assertEquals(id("weak"), anyRecord.offeringId(), "a minimum of 0 still asks for history");
        EngineEvent.Fill noMinimum = (EngineEvent.Fill)
                engine.placeOrder(order("o4", 1, 1, 5000, Set.of())).get(0);
        assertEquals(id("newcomer"), noMinimum.offeringId(), "without a minimum the cheapest wins");
    }

    static OfferingSpec rated(String name, int devices, long price, Integer reliabilityBps) {
        OfferingSpec plain = offering(name, "gansu", devices, price);
        return new OfferingSpec(
                plain.id(),
                plain.tenant(),
                plain.model(),
                plain.hub(),
                plain.siteId(),
                plain.pueMilli(),
                plain.greenRating(),
                plain.interconnect(),
                plain.tdpWatts(),
                plain.peakGflops(),
                plain.devices(),
                plain.fromHour(),
                plain.untilHour(),
                plain.pricePerDeviceHour(),
                plain.currency(),
                reliabilityBps);
    }

    static OrderSpec minReliability(OrderSpec o, int bps) {
        return new OrderSpec(
                o.id(),
                o.tenant(),
                o.throughput(),
                o.models(),
                o.quantity(),
                o.precision(),
                o.durationHours(),
                o.earliestStartHour(),
                o.latestStartHour(),
                o.limitPrice(),
                o.currency(),
                o.allowedHubs(),
                o.maxPueMilli(),
                o.minGreenRating(),
                o.interconnect(),
                o.sameSite(),
                o.partial(),
                o.minFill(),
                o.immediateOrCancel(),
                o.goodTillSecond(),
                bps);
    }

    @Test
    void theSameCommandsGiveTheSameEvents() {
        assertEquals(run(newEngine()), run(newEngine()));
    }

    @Test
    void redeliveredCommandsChangeNothing() {
        engine.addOffering(offering("x", "gansu", 8, 1000));
        assertEquals(1, engine.placeOrder(order("o", 8, 2, 1000, Set.of())).size());
        assertEquals(List.of(), engine.addOffering(offering("x", "gansu", 8, 1000)));
        assertEquals(List.of(), engine.placeOrder(order("o", 8, 2, 1000, Set.of())));
        assertEquals(8, engine.leasedAt(id("x"), H));
    }

    @Test
    void aCheaperAmendmentMeetsARestingOrder() {
        engine.addOffering(offering("x", "gansu", 8, 2500));
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(order("o", 4, 2, 2000, Set.of())).get(0));
        OfferingSpec cheaper = OfferingSpec.simple(id("x"), "prov-x", "H100", "gansu", 8, H, H + 24, 1900, "CNY");
        EngineEvent.Fill fill =
                (EngineEvent.Fill) engine.putOffering(cheaper, 1).get(0);
        assertEquals(2000, fill.pricePerDeviceHour());
        assertEquals(List.of(), engine.putOffering(cheaper, 1), "a repeated version changes nothing");
    }

    @Test
    void anAmendmentNeverUndoesALease() {
        engine.addOffering(offering("x", "gansu", 8, 1000));
        engine.placeOrder(order("o", 6, 2, 1000, Set.of()));
        OfferingSpec smaller = OfferingSpec.simple(id("x"), "prov-x", "H100", "gansu", 2, H, H + 1, 1000, "CNY");
        engine.putOffering(smaller, 1);
        assertEquals(6, engine.leasedAt(id("x"), H + 1), "slots stay and keep their leases");
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(order("p", 1, 1, 1000, Set.of())).get(0));
    }

    @Test
    void aWithdrawnOfferingNoLongerTradesEvenIfAnOlderVersionArrivesLate() {
        engine.addOffering(offering("x", "gansu", 8, 1000));
        engine.withdrawOffering(id("x"), 1);
        assertInstanceOf(
                EngineEvent.Resting.class,
                engine.placeOrder(order("o", 1, 1, 1000, Set.of())).get(0));
        assertEquals(List.of(), engine.putOffering(offering("x", "gansu", 8, 1000), 0));
        assertEquals(1, engine.restingOrders());
    }

    static OfferingSpec gpu(String name, String model, int devices, long price, long fp16Gflops, UUID site) {
        return new OfferingSpec(
                id(name),
                "prov",
                model,
                "gansu",
                site,
                1200,
                4,
                "INFINIBAND",
                700,
                java.util.Map.of("FP16", fp16Gflops),
                devices,
                H,
                H + 24,
                price,
                "CNY",
                null);
    }

    static OrderSpec throughput(
            String name,
            long gflops,
            long limitPerPflopHour,
            boolean partial,
            long minFill,
            boolean sameSite,
            boolean ioc) {
        return new OrderSpec(
                id(name),
                "ent",
                true,
                Set.of(),
                gflops,
                "FP16",
                2,
                H,
                H,
                limitPerPflopHour,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                sameSite,
                partial,
                partial ? minFill : gflops,
                ioc,
                ioc ? 0 : Long.MAX_VALUE,
                null);
    }

    @Test
    void aThroughputOrderTakesTheCheapestPflopHourAcrossModels() {
        // 1 PFLOPS devices at 1200 per device-hour (1200/PFLOP-h) and 0.25 PFLOPS devices at 250 (1000/PFLOP-h).
        engine.addOffering(gpu("big", "BIG", 4, 1200, 1_000_000, id("site-a")));
        engine.addOffering(gpu("small", "SMALL", 8, 250, 250_000, id("site-b")));
        List<EngineEvent> events = engine.placeOrder(throughput("t", 3_000_000, 1300, true, 500_000, false, false));
        EngineEvent.Fill first = (EngineEvent.Fill) events.get(0);
        EngineEvent.Fill second = (EngineEvent.Fill) events.get(1);
        assertEquals(id("small"), first.offeringId(), "cheaper per PFLOP-hour");
        assertEquals(8, first.devices(), "all 8 small devices: 2 PFLOPS");
        assertEquals(id("big"), second.offeringId());
        assertEquals(1, second.devices(), "the remaining 1 PFLOPS");
        assertEquals(250_000L, first.gflopsPerDevice());
        assertEquals(2, events.size(), "filled completely: nothing rests");
    }

    @Test
    void allOrNoneCombinesListingsAtOneStartAndAGangStaysAtOneSite() {
        engine.addOffering(gpu("a", "M", 2, 100, 1_000_000, id("site-a")));
        engine.addOffering(gpu("b", "M", 2, 100, 1_000_000, id("site-b")));
        List<EngineEvent> gang = engine.placeOrder(throughput("gang", 3_000_000, 1000, true, 1_000_000, true, false));
        assertEquals(2, ((EngineEvent.Fill) gang.get(0)).devices());
        assertInstanceOf(EngineEvent.Resting.class, gang.get(1), "the rest waits for capacity at the same site");
        engine.addOffering(gpu("c", "M", 2, 100, 1_000_000, id("site-c")));
        List<EngineEvent> aon = engine.placeOrder(throughput("aon", 3_000_000, 1000, false, 0, false, false));
        assertEquals(2, aon.size(), "3 PFLOPS from two listings of 2 devices, in one step");
        assertEquals(
                3, aon.stream().mapToInt(e -> ((EngineEvent.Fill) e).devices()).sum());
    }

    @Test
    void aGangTakesAllItsDevicesFromListingsOfOneSite() {
        BookTables t = new BookTables(engine, H);
        t.list("""
                | offering | hub   | model | devices | price | site  |
                | cheap    | gansu | H100  | 4       | 900   | small |
                | west1    | gansu | H100  | 3       | 1000  | big   |
                | west2    | gansu | H100  | 3       | 1100  | big   |
                """);
        List<EngineEvent> events = engine.placeOrder(new OrderSpec(
                t.id("gang"),
                "ent",
                false,
                Set.of("H100"),
                6,
                null,
                2,
                H,
                H,
                1200,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                true,
                false,
                6,
                true,
                0,
                null));
        assertTable("""
                | order | offering | devices | start | price |
                | gang  | west1    | 3       | +0    | 1000  |
                | gang  | west2    | 3       | +0    | 1100  |
                """, t.fills(events));
        assertTable("""
                | offering | free |
                | cheap    | 4    |
                | west1    | 0    |
                | west2    | 0    |
                """, t.free());
    }

    @Test
    void aMinimumFillIsATotalAcrossListings() {
        BookTables t = new BookTables(engine, H);
        t.list("""
                | offering | hub     | model | devices | price |
                | a        | gansu   | H100  | 4       | 900   |
                | b        | ningxia | H100  | 4       | 1000  |
                | c        | gansu   | H100  | 3       | 1100  |
                | dear     | gansu   | H100  | 8       | 2000  |
                """);
        List<EngineEvent> events = engine.placeOrder(new OrderSpec(
                t.id("o"),
                "ent",
                false,
                Set.of("H100"),
                16,
                null,
                2,
                H,
                H,
                1200,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                true,
                6,
                false,
                Long.MAX_VALUE,
                null));
        assertTable("""
                | order | offering | devices | start | price |
                | o     | a        | 4       | +0    | 900   |
                | o     | b        | 4       | +0    | 1000  |
                | o     | c        | 3       | +0    | 1100  |
                """, t.fills(events));
        assertInstanceOf(EngineEvent.Resting.class, events.get(3), "5 more wanted: it rests");
    }

    @Test
    void aMinimumFillOutOfReachTakesNothing() {
        BookTables t = new BookTables(engine, H);
        t.list("""
                | offering | hub   | model | devices | price |
                | a        | gansu | H100  | 2       | 900   |
                | b        | gansu | H100  | 3       | 1000  |
                """);
        List<EngineEvent> events = engine.placeOrder(new OrderSpec(
                t.id("o"),
                "ent",
                false,
                Set.of("H100"),
                8,
                null,
                2,
                H,
                H,
                1200,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                true,
                6,
                false,
                Long.MAX_VALUE,
                null));
        assertInstanceOf(EngineEvent.Resting.class, events.get(0));
        assertTable("""
                | offering | free |
                | a        | 2    |
                | b        | 3    |
                """, t.free());
        // One more listing brings the total within reach: it fills from all three at once, the new one at the order's
        // limit.
        assertTable("""
                | order | offering | devices | start | price |
                | o     | a        | 2       | +0    | 900   |
                | o     | b        | 3       | +0    | 1000  |
                | o     | c        | 1       | +0    | 1200  |
                """, t.fills(t.list("""
                | offering | hub   | model | devices | price |
                | c        | gansu | H100  | 1       | 1100  |
                """)));
        assertEquals(1, engine.restingOrders(), "still resting: 6 of 8 filled");
    }

    @Test
    void anAmendmentToExactlyTheFilledQuantityCompletesTheOrder() {
        BookTables t = new BookTables(engine, H);
        t.list("""
                | offering | hub           | model | devices | price |
                | first    | yangtze-delta | A800  | 4       | 1050  |
                """);
        OrderSpec six = new OrderSpec(
                t.id("o"),
                "ent",
                false,
                Set.of("A800"),
                6,
                null,
                2,
                H,
                H,
                1400,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                true,
                1,
                false,
                Long.MAX_VALUE,
                null);
        engine.placeOrder(six);
        assertEquals(
                List.of(),
                engine.amendOrder(new OrderSpec(
                        t.id("o"),
                        "ent",
                        false,
                        Set.of("A800"),
                        4,
                        null,
                        2,
                        H,
                        H,
                        1400,
                        "CNY",
                        Set.of(),
                        null,
                        null,
                        null,
                        false,
                        true,
                        1,
                        false,
                        Long.MAX_VALUE,
                        null)));
        assertEquals(0, engine.restingOrders(), "complete at its new size: nothing rests");
        t.list("""
                | offering | hub           | model | devices | price |
                | more     | yangtze-delta | A800  | 10      | 1050  |
                """);
        assertTable("""
                | offering | free |
                | first    | 0    |
                | more     | 10   |
                """, t.free());
    }

    @Test
    void anAmendmentCountsFillsTheEnterpriseHadNotSeen() {
        engine.addOffering(offering("x", "gansu", 2, 1000));
        engine.placeOrder(new OrderSpec(
                id("p"),
                "ent",
                false,
                Set.of("H100"),
                6,
                null,
                1,
                H,
                H,
                1000,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                true,
                1,
                false,
                Long.MAX_VALUE,
                null));
        // It has 2; the enterprise, not yet knowing, amends to 3: one more is all it may get.
        engine.amendOrder(new OrderSpec(
                id("p"),
                "ent",
                false,
                Set.of("H100"),
                3,
                null,
                1,
                H,
                H,
                1000,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                true,
                1,
                false,
                Long.MAX_VALUE,
                null));
        List<EngineEvent> events = engine.addOffering(offering("z", "gansu", 8, 1000));
        long toP = events.stream()
                .filter(e -> e instanceof EngineEvent.Fill f && f.orderId().equals(id("p")))
                .mapToLong(e -> ((EngineEvent.Fill) e).devices())
                .sum();
        assertEquals(1, toP);
    }

    /** At the domain bounds every figure is exact: the largest trade the API admits fits in a long. */
    @Test
    void theLargestTradeTheBoundsAdmitIsExact() {
        long hours = Limits.MAX_HOURS;
        engine.addOffering(new OfferingSpec(
                id("max"),
                "prov",
                "M",
                "gansu",
                id("site-max"),
                1200,
                4,
                "INFINIBAND",
                700,
                java.util.Map.of("FP16", Limits.MAX_PEAK_GFLOPS),
                (int) Limits.MAX_DEVICES,
                H,
                H + hours,
                Limits.MAX_PRICE,
                "CNY",
                null));
        EngineEvent.Fill fill = (EngineEvent.Fill) engine.placeOrder(new OrderSpec(
                        id("big"),
                        "ent",
                        false,
                        Set.of("M"),
                        Limits.MAX_DEVICES,
                        null,
                        (int) hours,
                        H,
                        H,
                        Limits.MAX_PRICE,
                        "CNY",
                        Set.of(),
                        null,
                        null,
                        null,
                        false,
                        false,
                        Limits.MAX_DEVICES,
                        true,
                        0,
                        null))
                .get(0);
        assertEquals(
                java.math.BigInteger.valueOf(Limits.MAX_DEVICES)
                        .multiply(java.math.BigInteger.valueOf(hours))
                        .multiply(java.math.BigInteger.valueOf(Limits.MAX_PRICE))
                        .longValueExact(),
                fill.cost());
        assertEquals(Limits.MAX_DEVICES, fill.devices());
    }

    @Test
    void immediateOrCancelNeverRests() {
        engine.addOffering(gpu("a", "M", 1, 100, 1_000_000, id("site-a")));
        List<EngineEvent> events = engine.placeOrder(throughput("ioc", 3_000_000, 1000, true, 1_000_000, false, true));
        assertInstanceOf(EngineEvent.Fill.class, events.get(0));
        assertInstanceOf(EngineEvent.Cancelled.class, events.get(1));
        assertEquals(0, engine.restingOrders());
    }

    @Test
    void restingOrdersExpireCancelAndAmendAsCancelReplace() {
        OrderSpec expiring = new OrderSpec(
                id("e"),
                "ent",
                false,
                Set.of("H100"),
                2,
                null,
                1,
                H,
                H,
                1000,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                false,
                2,
                false,
                5_000,
                null);
        engine.placeOrder(expiring);
        engine.placeOrder(order("c", 2, 1, 1000, Set.of()));
        engine.placeOrder(order("a", 2, 1, 1000, Set.of()));
        assertEquals(List.of(), engine.expire(4_999));
        assertInstanceOf(EngineEvent.Expired.class, engine.expire(5_000).get(0));
        assertInstanceOf(
                EngineEvent.Cancelled.class,
                engine.cancelOrder(id("c"), "by the enterprise").get(0));
        assertEquals(List.of(), engine.cancelOrder(id("c"), "again"));
        // Amended above the offering's price, the order trades at once at the offering's price.
        engine.addOffering(offering("dear", "gansu", 8, 1500));
        EngineEvent.Fill fill = (EngineEvent.Fill)
                engine.amendOrder(OrderSpec.devices(id("a"), "ent-a", "H100", 3, 1, H, H + 4, 1600, "CNY", Set.of()))
                        .get(0);
        assertEquals(3, fill.devices());
        assertEquals(1500, fill.pricePerDeviceHour());
        assertEquals(0, engine.restingOrders());
    }

    // Scenarios as tables: the book before, the fills, the free devices after.

    @Test
    void aPartialOrderTakesPriceLevelsCheapestFirstAcrossHubs() {
        BookTables t = new BookTables(engine, H);
        t.list("""
                | offering | hub     | model | devices | price |
                | dear     | gansu   | H100  | 4       | 1300  |
                | mid      | gansu   | H100  | 4       | 1000  |
                | cheap    | ningxia | H100  | 4       | 900   |
                """);
        List<EngineEvent> events = engine.placeOrder(new OrderSpec(
                t.id("o"),
                "ent",
                false,
                Set.of("H100"),
                6,
                null,
                2,
                H,
                H,
                1200,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                true,
                1,
                false,
                Long.MAX_VALUE,
                null));
        assertTable("""
                | order | offering | devices | start | price |
                | o     | cheap    | 4       | +0    | 900   |
                | o     | mid      | 2       | +0    | 1000  |
                """, t.fills(events));
        assertTable("""
                | offering | free |
                | dear     | 4    |
                | mid      | 2    |
                | cheap    | 0    |
                """, t.free());
    }

    @Test
    void aCheaperAmendmentFillsTheBestBidFirstAtEachBidsLimit() {
        BookTables t = new BookTables(engine, H);
        t.list("""
                | offering | hub   | model | devices | price |
                | x        | gansu | H100  | 6       | 1500  |
                """);
        engine.placeOrder(OrderSpec.devices(t.id("low"), "ent", "H100", 4, 1, H, H, 1200, "CNY", Set.of()));
        engine.placeOrder(OrderSpec.devices(t.id("high"), "ent", "H100", 4, 1, H, H, 1400, "CNY", Set.of()));
        List<EngineEvent> events = engine.putOffering(
                OfferingSpec.simple(t.id("x"), "prov", "H100", "gansu", 8, H, H + 24, 1100, "CNY"), 1);
        assertTable("""
                | order | offering | devices | start | price |
                | high  | x        | 4       | +0    | 1400  |
                | low   | x        | 4       | +0    | 1200  |
                """, t.fills(events));
        assertTable("""
                | offering | free |
                | x        | 0    |
                """, t.free());
    }

    private static void assertTable(String expected, String actual) {
        assertEquals(BookTables.normalise(expected), BookTables.normalise(actual));
    }

    private static List<EngineEvent> run(MatchingEngine e) {
        List<EngineEvent> out = new ArrayList<>();
        out.addAll(e.placeOrder(order("r1", 3, 5, 1800, Set.of())));
        out.addAll(e.addOffering(offering("a", "gansu", 4, 1200)));
        out.addAll(e.placeOrder(order("r2", 2, 5, 1900, Set.of("gansu"))));
        out.addAll(e.addOffering(offering("b", "gansu", 6, 1100)));
        out.addAll(e.placeOrder(order("r3", 6, 1, 1500, Set.of())));
        return out;
    }
}
