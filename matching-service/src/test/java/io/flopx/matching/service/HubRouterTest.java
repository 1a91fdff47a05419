package io.flopx.matching.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.MarketEvent;
import io.flopx.matching.wire.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HubRouterTest {

    final MarketDataView view = new MarketDataView(new ObjectMapper());
    final MarketService markets = new MarketService(new ObjectMapper().findAndRegisterModules());
    final HubRouter router = new HubRouter(view, markets, List.of("gansu", "guizhou", "ningxia"));

    @Test
    void anOrderVisitsHubsBestAskFirstUnknownLastAndRestsInTheBest() {
        view.put(book("gansu", "H100", 1500, 1_500));
        view.put(book("ningxia", "H100", 1600, 1_700));
        view.put(book("ningxia", "A100", 300, 1_200)); // cheapest, but not the model the devices order wants
        assertEquals(
                List.of("gansu", "ningxia", "guizhou", "gansu"), router.route(order("DEVICES", List.of("H100"), null)));
        // A throughput order takes any model and compares per PFLOP-hour at its precision: ningxia's A100s win.
        assertEquals(
                List.of("ningxia", "gansu", "guizhou", "ningxia"),
                router.route(order("THROUGHPUT", List.of(), "FP16")));
    }

    /**
     * The case: yangtze-delta's best ask (300) is on another day; in the order's window it asks 1300,
     * guizhou 1200. The order goes to guizhou first and fills 4 @ 1200 + 2 @ 1300 (14,800), not the reverse.
     */
    @Test
    void hubsAreRankedByThePriceFeasibleForTheOrderNotTheirBestAsk() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        Instant day = Instant.parse("2027-03-01T00:00:00Z");
        listAt(json, "yangtze-delta", 8, 300, day.plusSeconds(86_400 * 2), 24);
        listAt(json, "yangtze-delta", 8, 1300, day, 24);
        listAt(json, "guizhou", 4, 1200, day, 24);
        view.put(book("yangtze-delta", "A800-SXM4-80GB", 300, 1_000));
        view.put(book("guizhou", "A800-SXM4-80GB", 1200, 4_000));
        OrderEvent order = new OrderEvent(
                UUID.randomUUID(),
                OrderEvent.PLACED,
                Instant.now(),
                UUID.randomUUID(),
                0,
                "acme-ai",
                "DEVICES",
                List.of("A800-SXM4-80GB"),
                6,
                null,
                null,
                2,
                day.plusSeconds(8 * 3600),
                day.plusSeconds(8 * 3600),
                1400,
                "CNY",
                List.of("yangtze-delta", "guizhou"),
                null,
                null,
                null,
                false,
                "PARTIAL",
                1L,
                "GOOD_TILL",
                day.plusSeconds(8 * 3600),
                6L,
                null);
        List<String> route = router.route(order);
        assertEquals(List.of("guizhou", "yangtze-delta", "guizhou"), route);
        // Along that route: 4 @ 1200 in guizhou, the 2 left @ 1300 in yangtze-delta.
        MarketCommand command = MarketCommand.order(json.writeValueAsString(order), route);
        long cost = 0;
        for (int hop = 0; command != null && hop < 3; hop++) {
            var outcome = markets.apply(json.writeValueAsString(command), 0);
            cost += outcome.events().stream()
                    .filter(e -> MarketEvent.FILL.equals(e.type()))
                    .mapToLong(MarketEvent::cost)
                    .sum();
            command = outcome.forwards().isEmpty() ? null : outcome.forwards().get(0);
        }
        assertEquals(2 * (4 * 1200 + 2 * 1300), cost);
    }

    private void listAt(ObjectMapper json, String hub, int devices, long price, Instant from, int hours)
            throws Exception {
        String offering = """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,"tenant":"prov",
                 "model":"A800-SXM4-80GB","hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"INFINIBAND",
                 "tdpWatts":400,"peakGflops":{"FP16":312000},"devices":%d,"availableFrom":"%s","availableUntil":"%s",
                 "pricePerDeviceHour":%d,"currency":"CNY","minLeaseHours":1,"status":"ACTIVE"}""".formatted(
                        UUID.randomUUID(),
                        from,
                        UUID.randomUUID(),
                        hub,
                        UUID.randomUUID(),
                        devices,
                        from,
                        from.plusSeconds(hours * 3600L),
                        price);
        markets.apply(json.writeValueAsString(MarketCommand.offering(hub, offering)), 0);
    }

    private static BookSummary book(String hub, String model, long ask, long askPerPflopHour) {
        return new BookSummary(
                BookSummary.TYPE,
                hub,
                model,
                "CNY",
                Instant.now(),
                1,
                8,
                ask,
                null,
                Map.of("FP16", askPerPflopHour),
                Map.of("FP16", 989_400L),
                0,
                null,
                null,
                0,
                0,
                0,
                List.of());
    }

    private static OrderEvent order(String kind, List<String> models, String precision) {
        return new OrderEvent(
                UUID.randomUUID(),
                OrderEvent.PLACED,
                Instant.now(),
                UUID.randomUUID(),
                0,
                "acme-ai",
                kind,
                models,
                4,
                4_000_000L,
                precision,
                2,
                Instant.now(),
                Instant.now(),
                2000,
                "CNY",
                List.of(),
                null,
                null,
                null,
                false,
                "PARTIAL",
                1L,
                "GOOD_TILL",
                null,
                4L,
                null);
    }
}
