package io.flopx.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MatchingEngineTest {

    static final long H = 500_000; // an hour far from the epoch, so hour arithmetic is exercised
    final MatchingEngine engine = new MatchingEngine();

    static OfferingSpec offering(String name, String hub, int devices, long price) {
        return new OfferingSpec(id(name), "prov-" + name, "H100", hub, devices, H, H + 24, price, "CNY");
    }

    static OrderSpec order(String name, int devices, int hours, long limit, Set<String> hubs) {
        return new OrderSpec(id(name), "ent-" + name, "H100", devices, hours, H, H + 4, limit, "CNY", hubs);
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
        EngineEvent.Fill fill = (EngineEvent.Fill) engine.placeOrder(order("o1", 2, 1, 1500, Set.of())).get(0);
        assertEquals(id("first"), fill.offeringId());
    }

    @Test
    void anOrderWithoutCapacityRestsAndIsFilledByNewCapacityAtItsLimit() {
        engine.addOffering(offering("tooDear", "gansu", 8, 2500));
        assertInstanceOf(EngineEvent.Resting.class, engine.placeOrder(order("o1", 4, 2, 2000, Set.of())).get(0));
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
        EngineEvent.Fill a = (EngineEvent.Fill) engine.placeOrder(order("a", 6, 2, 1000, Set.of())).get(0);
        EngineEvent.Fill b = (EngineEvent.Fill) engine.placeOrder(order("b", 6, 2, 1000, Set.of())).get(0);
        assertEquals(H, a.startHour());
        assertEquals(H + 2, b.startHour(), "the first two hours hold only 2 free devices");
        for (long h = H; h < H + 24; h++) {
            assertTrue(engine.leasedAt(id("only"), h) <= 8);
        }
        // Start window [H, H+4] with 2 hours: H+4 still has 8 free.
        EngineEvent.Fill c = (EngineEvent.Fill) engine.placeOrder(order("c", 8, 2, 1000, Set.of())).get(0);
        assertEquals(H + 4, c.startHour());
        assertInstanceOf(EngineEvent.Resting.class, engine.placeOrder(order("d", 3, 4, 1000, Set.of())).get(0));
    }

    @Test
    void hubsModelAndCurrencyConstrainTheMatch() {
        engine.addOffering(offering("west", "gansu", 8, 1000));
        engine.addOffering(new OfferingSpec(id("a100"), "p", "A100", "ningxia", 8, H, H + 24, 500, "CNY"));
        engine.addOffering(new OfferingSpec(id("usd"), "p", "H100", "ningxia", 8, H, H + 24, 500, "USD"));
        assertInstanceOf(EngineEvent.Resting.class, engine.placeOrder(order("east", 1, 1, 5000, Set.of("ningxia"))).get(0));
        EngineEvent.Fill fill = (EngineEvent.Fill) engine.placeOrder(order("any", 1, 1, 5000, Set.of())).get(0);
        assertEquals(id("west"), fill.offeringId());
    }

    @Test
    void theSameCommandsGiveTheSameEvents() {
        assertEquals(run(new MatchingEngine()), run(new MatchingEngine()));
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
        assertInstanceOf(EngineEvent.Resting.class, engine.placeOrder(order("o", 4, 2, 2000, Set.of())).get(0));
        OfferingSpec cheaper = new OfferingSpec(id("x"), "prov-x", "H100", "gansu", 8, H, H + 24, 1900, "CNY");
        EngineEvent.Fill fill = (EngineEvent.Fill) engine.putOffering(cheaper, 1).get(0);
        assertEquals(2000, fill.pricePerDeviceHour());
        assertEquals(List.of(), engine.putOffering(cheaper, 1), "a repeated version changes nothing");
    }

    @Test
    void anAmendmentNeverUndoesALease() {
        engine.addOffering(offering("x", "gansu", 8, 1000));
        engine.placeOrder(order("o", 6, 2, 1000, Set.of()));
        OfferingSpec smaller = new OfferingSpec(id("x"), "prov-x", "H100", "gansu", 2, H, H + 1, 1000, "CNY");
        engine.putOffering(smaller, 1);
        assertEquals(6, engine.leasedAt(id("x"), H + 1), "slots stay and keep their leases");
        assertInstanceOf(EngineEvent.Resting.class, engine.placeOrder(order("p", 1, 1, 1000, Set.of())).get(0));
    }

    @Test
    void aWithdrawnOfferingNoLongerTradesEvenIfAnOlderVersionArrivesLate() {
        engine.addOffering(offering("x", "gansu", 8, 1000));
        engine.withdrawOffering(id("x"), 1);
        assertInstanceOf(EngineEvent.Resting.class, engine.placeOrder(order("o", 1, 1, 1000, Set.of())).get(0));
        assertEquals(List.of(), engine.putOffering(offering("x", "gansu", 8, 1000), 0));
        assertEquals(1, engine.restingOrders());
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
