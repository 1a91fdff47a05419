package io.flopx.matching.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.wire.MarketCommand;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Match latency on the dashboard: from a placement, wherever order-service published it, to its first fill. */
class LiveMarketFeedTest {

    final ObjectMapper json = new ObjectMapper();

    static String placed(UUID orderId) {
        return """
                {"type":"ORDER_PLACED","orderId":"%s","version":0,"allowedHubs":["gansu"]}""".formatted(orderId);
    }

    static String fill(UUID orderId) {
        return """
                {"type":"FILL","orderId":"%s","hub":"gansu","model":"H20-96GB","devices":1,"pricePerDeviceHour":700,
                 "currency":"CNY","start":"2026-12-04T00:00:00Z","end":"2026-12-04T01:00:00Z"}""".formatted(orderId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> counted(LiveMarketFeed feed) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Map<String, Object> bucket :
                (List<Map<String, Object>>) feed.snapshot().get("matchLatency")) {
            long n = ((Number) bucket.get("count")).longValue();
            if (n > 0) {
                counts.put((String) bucket.get("le"), n);
            }
        }
        return counts;
    }

    @Test
    void aPlacementAppendedStraightToTheMarketsLogStartsItsMatchLatency() throws Exception {
        LiveMarketFeed feed = new LiveMarketFeed(json, "localhost:1");
        UUID direct = UUID.randomUUID();
        feed.onCommand(json.writeValueAsString(MarketCommand.order(placed(direct), List.of("gansu"))), 1_000);
        feed.onMarketEvent(fill(direct), 1_007);
        assertEquals(Map.of("10", 1L), counted(feed), "7 ms from its command to its fill");

        // The sequencer's command for an order published on order-events names that record: its placement
        // counts from order-events, even when a poll hands over the command first.
        UUID sequenced = UUID.randomUUID();
        feed.onCommand(
                json.writeValueAsString(
                        MarketCommand.order(placed(sequenced), List.of("gansu")).from("order-events-3", 17)),
                2_040);
        feed.onOrderEvent(sequenced.toString(), placed(sequenced), 2_000);
        feed.onMarketEvent(fill(sequenced), 2_045);
        assertEquals(Map.of("10", 1L, "50", 1L), counted(feed), "45 ms from order-events to its fill");
    }
}
