package io.flopx.matching.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class HubRouterTest {

    final MarketDataView view = new MarketDataView(new ObjectMapper());
    final HubRouter router = new HubRouter(view, List.of("gansu", "guizhou", "ningxia"));

    @Test
    void anOrderVisitsHubsBestAskFirstUnknownLastAndRestsInTheBest() {
        view.put(book("gansu", "H100", 1500, 1_500));
        view.put(book("ningxia", "H100", 1600, 1_700));
        view.put(book("ningxia", "A100", 300, 1_200)); // cheapest, but not the model the devices order wants
        assertEquals(List.of("gansu", "ningxia", "guizhou", "gansu"), router.route(order("DEVICES", List.of("H100"), null)));
        // A throughput order takes any model and compares per PFLOP-hour at its precision: ningxia's A100s win.
        assertEquals(List.of("ningxia", "gansu", "guizhou", "ningxia"), router.route(order("THROUGHPUT", List.of(), "FP16")));
    }

    private static BookSummary book(String hub, String model, long ask, long askPerPflopHour) {
        return new BookSummary(BookSummary.TYPE, hub, model, "CNY", Instant.now(), 1, 8, ask, Map.of("FP16", askPerPflopHour),
                Map.of("FP16", 989_400L), 0, null, null, 0, 0, 0, List.of());
    }

    private static OrderEvent order(String kind, List<String> models, String precision) {
        return new OrderEvent(UUID.randomUUID(), OrderEvent.PLACED, Instant.now(), UUID.randomUUID(), 0, "acme-ai", kind, models,
                4, 4_000_000L, precision, 2, Instant.now(), Instant.now(), 2000, "CNY", List.of(), null, null, null, false,
                "PARTIAL", 1L, "GOOD_TILL", null, 4L);
    }
}
