package io.flopx.matching.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.MarketEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MarketServiceTest {

    final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void anOrderEventInAnOlderShapeIsRejectedNotGuessed() throws Exception {
        UUID orderId = UUID.randomUUID();
        // The first, thin order format: no kind, a per-device-hour limit under another name.
        String old = """
                {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"2026-11-26T01:06:25Z","orderId":"%s",
                 "tenant":"acme-ai","model":"H100-SXM5-80GB","devices":8,"durationHours":10,
                 "earliestStart":"2026-12-01T08:00:00Z","latestStart":"2026-12-01T08:00:00Z",
                 "limitPricePerDeviceHour":1600,"currency":"CNY","allowedHubs":["ningxia"]}""".formatted(UUID.randomUUID(), orderId);
        String command = json.writeValueAsString(MarketCommand.order(old, List.of("ningxia")));
        List<MarketEvent> events = new MarketService(json).apply(command, 0).events();
        assertEquals(1, events.size());
        assertEquals(MarketEvent.ORDER_REJECTED, events.get(0).type());
        assertEquals(orderId, events.get(0).orderId());
    }

    static final String FROM = "2026-12-01T00:00:00Z";

    String offering(UUID id, String hub, int devices, long price) {
        return """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,"tenant":"prov",
                 "model":"A800-SXM4-80GB","hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"INFINIBAND",
                 "tdpWatts":400,"peakGflops":{"FP16":312000},"devices":%d,"availableFrom":"%s",
                 "availableUntil":"2026-12-02T00:00:00Z","pricePerDeviceHour":%d,"currency":"CNY","minLeaseHours":1,
                 "status":"ACTIVE"}""".formatted(UUID.randomUUID(), FROM, id, hub, UUID.randomUUID(), devices, FROM, price);
    }

    String order(String type, UUID id, long version, int devices, long limit, List<String> hubs, long remaining)
            throws Exception {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"%s","orderId":"%s","version":%d,"tenant":"acme-ai","kind":"DEVICES",
                 "models":["A800-SXM4-80GB"],"devices":%d,"durationHours":2,"earliestStart":"2026-12-01T08:00:00Z",
                 "latestStart":"2026-12-01T08:00:00Z","limitPrice":%d,"currency":"CNY","allowedHubs":%s,"sameSite":false,
                 "fillPolicy":"PARTIAL","minFill":1,"timeInForce":"GOOD_TILL","goodTill":"2026-12-01T08:00:00Z",
                 "remainingQuantity":%d}""".formatted(
                UUID.randomUUID(), type, FROM, id, version, devices, limit, json.writeValueAsString(hubs), remaining);
    }

    Outcome apply(MarketService market, MarketCommand command) throws Exception {
        return market.apply(json.writeValueAsString(command), 0);
    }

    static long devicesFilled(Outcome outcome) {
        return outcome.events().stream()
                .filter(e -> MarketEvent.FILL.equals(e.type()))
                .mapToLong(MarketEvent::devices)
                .sum();
    }

    /** The report: an amendment to exactly the filled quantity carries remainingQuantity 0, which means 0. */
    @Test
    void anAmendmentToTheFilledQuantityLeavesNothingResting() throws Exception {
        MarketService market = new MarketService(json);
        String hub = "yangtze-delta";
        apply(market, MarketCommand.offering(hub, offering(UUID.randomUUID(), hub, 4, 1050)));
        UUID id = UUID.randomUUID();
        assertEquals(
                4,
                devicesFilled(apply(
                        market,
                        MarketCommand.order(order("ORDER_PLACED", id, 0, 6, 1400, List.of(hub), 6), List.of(hub)))));
        assertEquals(
                0,
                devicesFilled(apply(
                        market,
                        MarketCommand.order(order("ORDER_AMENDED", id, 1, 4, 1400, List.of(hub), 0), List.of(hub)))));
        assertEquals(
                0,
                devicesFilled(apply(market, MarketCommand.offering(hub, offering(UUID.randomUUID(), hub, 10, 1050)))),
                "nothing rests: the order is complete at 4");
    }

    /** An amendment that overtakes its order on the way between hubs is applied when the order arrives. */
    @Test
    void anAmendmentThatOvertakesItsOrderBetweenHubsIsNotLost() throws Exception {
        MarketService market = new MarketService(json);
        apply(market, MarketCommand.offering("guizhou", offering(UUID.randomUUID(), "guizhou", 8, 1500)));
        UUID id = UUID.randomUUID();
        List<String> hubs = List.of("gansu", "guizhou");
        // Placed at 1200: the first hop (gansu) has nothing and forwards it to guizhou.
        Outcome first = apply(
                market,
                MarketCommand.order(
                        order("ORDER_PLACED", id, 0, 4, 1200, hubs, 4), List.of("gansu", "guizhou", "gansu")));
        assertEquals(1, first.forwards().size());
        // The amendment to 1600 reaches both hubs before the forwarded order reaches guizhou.
        for (String hub : hubs) {
            apply(market, MarketCommand.order(order("ORDER_AMENDED", id, 1, 4, 1600, hubs, 4), List.of(hub)));
        }
        assertEquals(4, devicesFilled(apply(market, first.forwards().get(0))), "it trades at its amended limit");
    }

    /**
     * An order's events share one partition, in order, unless a send fails and a later one gets through first
     * (the outbox sends the placement again): the amendment then reaches the order's first hub before the
     * placement does. The placement still rests, on the amended terms, and only once.
     */
    @Test
    void aPlacementThatArrivesAfterItsAmendmentRestsOnTheAmendedTerms() throws Exception {
        MarketService market = new MarketService(json);
        String hub = "ningxia";
        UUID id = UUID.randomUUID();
        String placed = json.writeValueAsString(
                MarketCommand.order(order("ORDER_PLACED", id, 0, 4, 1200, List.of(hub), 4), List.of(hub)));
        String amended = json.writeValueAsString(
                MarketCommand.order(order("ORDER_AMENDED", id, 1, 4, 1600, List.of(hub), 4), List.of(hub)));
        assertEquals(List.of(), market.apply(amended, 0).events(), "nothing of the order here yet: the terms wait");
        assertEquals(
                List.of(MarketEvent.ORDER_RESTING),
                market.apply(placed, 0).events().stream().map(MarketEvent::type).toList(),
                "it rests: nothing to trade at either limit yet");
        assertEquals(List.of(), market.apply(placed, 0).events(), "a redelivered placement changes nothing");
        Outcome listed = apply(market, MarketCommand.offering(hub, offering(UUID.randomUUID(), hub, 8, 1500)));
        assertEquals(4, devicesFilled(listed), "it rested at its amended limit, 1600, which meets 1500");
        assertEquals(
                0,
                devicesFilled(apply(market, MarketCommand.offering(hub, offering(UUID.randomUUID(), hub, 8, 1500)))),
                "once: the order is complete");
    }

    /**
     * order-service appends an order naming one hub to the log itself, with no second of its own and no input
     * record: the market takes the record's timestamp as the second it entered the log (so a replay, reading
     * the same record, decides the same), and knows a redelivery by the order's version.
     */
    @Test
    void aCommandWithoutItsOwnSecondEntersTheLogAtItsRecordsTimestamp() throws Exception {
        MarketService market = new MarketService(json);
        long listedAt = 1_795_996_800L; // 2026-11-30T00:00:00Z
        apply(
                market,
                MarketCommand.offering("ningxia", offering(UUID.randomUUID(), "ningxia", 8, 1000))
                        .at(listedAt));
        UUID id = UUID.randomUUID();
        String direct = json.writeValueAsString(
                MarketCommand.order(order("ORDER_PLACED", id, 0, 2, 1500, List.of("ningxia"), 2), List.of("ningxia")));
        long loggedAtMillis = (listedAt + 42) * 1000 + 987;
        assertEquals(2, devicesFilled(market.apply(direct, 0, loggedAtMillis)));
        assertEquals(
                List.of(Instant.ofEpochSecond(listedAt + 42)),
                market.summaries(Instant.ofEpochSecond(listedAt + 60)).stream()
                        .flatMap(b -> b.recentTrades().stream())
                        .map(BookSummary.Trade::at)
                        .toList(),
                "the trade is stamped with the record's second");
        assertEquals(
                List.of(), market.apply(direct, 0, loggedAtMillis + 5_000).events(), "a redelivery changes nothing");
        // A command stamped by its writer keeps its own second, whatever its record's timestamp.
        String stamped = json.writeValueAsString(MarketCommand.order(
                        order("ORDER_PLACED", UUID.randomUUID(), 0, 1, 1500, List.of("ningxia"), 1), List.of("ningxia"))
                .at(listedAt + 50));
        assertEquals(1, devicesFilled(market.apply(stamped, 0, (listedAt + 55) * 1000)));
        assertEquals(
                List.of(Instant.ofEpochSecond(listedAt + 50), Instant.ofEpochSecond(listedAt + 42)),
                market.summaries(Instant.ofEpochSecond(listedAt + 60)).stream()
                        .flatMap(b -> b.recentTrades().stream())
                        .map(BookSummary.Trade::at)
                        .toList());
    }

    /**
     * A multi-hub order resting in one hub meets capacity listed later in another hub it allows: the new
     * offering makes its hub's market send the order over (a move) and it fills there. A replay of the same log
     * rebuilds the same state, and a repeated move changes nothing.
     */
    @Test
    void aRestingMultiHubOrderMovesToNewCapacityInAnotherAllowedHub() throws Exception {
        MarketService market = new MarketService(json);
        List<String> log = new java.util.ArrayList<>();
        UUID id = UUID.randomUUID();
        List<String> hubs = List.of("gansu", "guizhou");
        // Nothing anywhere: it sweeps gansu, then guizhou, and comes back to rest in gansu.
        MarketCommand next = MarketCommand.order(
                order("ORDER_PLACED", id, 0, 4, 1500, hubs, 4), List.of("gansu", "guizhou", "gansu"));
        while (next != null) {
            log.add(json.writeValueAsString(next));
            Outcome o = market.apply(log.get(log.size() - 1), 0);
            next = o.forwards().isEmpty() ? null : o.forwards().get(0);
        }
        assertEquals(0, devicesFilled(market.apply(log.get(0), 0)), "a redelivered placement changes nothing");
        // Capacity appears in guizhou, the other hub it allows.
        String listing = offering(UUID.randomUUID(), "guizhou", 8, 1200);
        var offeringEvent = json.readValue(listing, io.flopx.matching.wire.OfferingEvent.class);
        log.add(json.writeValueAsString(MarketCommand.offering("guizhou", listing)));
        assertEquals(
                0, devicesFilled(market.apply(log.get(log.size() - 1), 0)), "its own hub's book has no resting order");
        List<MarketCommand> moves = market.movesFor(offeringEvent);
        assertEquals(1, moves.size());
        long filled = 0;
        next = moves.get(0);
        while (next != null) {
            log.add(json.writeValueAsString(next));
            Outcome o = market.apply(log.get(log.size() - 1), 0);
            filled += devicesFilled(o);
            next = o.forwards().isEmpty() ? null : o.forwards().get(0);
        }
        assertEquals(4, filled, "it filled in guizhou at the offering's price");
        assertEquals(List.of(), market.movesFor(offeringEvent), "nothing rests to move any more");
        MarketService replayed = new MarketService(json);
        for (String command : log) {
            replayed.apply(command, 0);
        }
        assertEquals(market.stateHash(), replayed.stateHash());
    }

    /**
     * Market depth's best ask is one a buyer can still take: an offering leased out in every hour it has left
     * stays listed (offerings, devices) but is no ask, and an offering leased out in its first hours asks from
     * its first free hour.
     */
    @Test
    void aFullyLeasedOfferingIsNoAskInMarketData() throws Exception {
        MarketService market = new MarketService(json);
        String hub = "gansu";
        // 4 devices at 1,000 from 08:00 to 10:00; 4 at 1,200 from 08:00 to 12:00; 4 at 1,500 all day.
        apply(market, MarketCommand.offering(hub, window(offering(UUID.randomUUID(), hub, 4, 1000), "10:00")));
        apply(market, MarketCommand.offering(hub, window(offering(UUID.randomUUID(), hub, 4, 1200), "12:00")));
        apply(market, MarketCommand.offering(hub, offering(UUID.randomUUID(), hub, 4, 1500)));
        Instant seven = Instant.parse("2026-12-01T07:00:00Z");
        assertEquals(1000L, book(market, seven).bestAsk());
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), book(market, seven).bestAskFrom());

        // Two orders for 4 devices from 08:00 to 10:00: the first leases out the 1,000 offering, all of its
        // hours; the second the 1,200 offering's first two.
        for (long limit : new long[] {1200, 1300}) {
            Outcome filled = apply(
                    market,
                    MarketCommand.order(
                            order("ORDER_PLACED", UUID.randomUUID(), 0, 4, limit, List.of(hub), 4), List.of(hub)));
            assertEquals(4, devicesFilled(filled));
        }

        BookSummary after = book(market, seven);
        assertEquals(1200L, after.bestAsk());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), after.bestAskFrom());
        assertEquals(3, after.offerings(), "still listed");
        assertEquals(12, after.devicesListed(), "still listed");
    }

    /** The offering from 08:00 to {@code until} on the test's day. */
    private static String window(String offering, String until) {
        return offering.replace("\"availableFrom\":\"" + FROM, "\"availableFrom\":\"2026-12-01T08:00:00Z")
                .replace("2026-12-02T00:00:00Z", "2026-12-01T" + until + ":00Z");
    }

    private static BookSummary book(MarketService market, Instant now) {
        return market.summaries(now).stream()
                .filter(b -> b.model().equals("A800-SXM4-80GB"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anUnreadableCommandIsSkipped() {
        assertEquals(List.of(), new MarketService(json).apply("{not json", 0).events());
    }
}
