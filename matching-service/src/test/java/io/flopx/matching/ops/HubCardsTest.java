package io.flopx.matching.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.matching.wire.BookSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hub's card on the dashboard: every price names its model, currency and hour. */
class HubCardsTest {

    static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");
    static final Instant TUESDAY = Instant.parse("2026-12-08T08:00:00Z");

    @Test
    void theCheapestAskWithItsModelTheEarlierOnATieAndTheNewestTrade() {
        List<BookSummary> books = List.of(
                book("guizhou", "H100-SXM5-80GB", 1450L, TUESDAY, List.of(trade("2026-12-01T10:00:05Z", 1500))),
                book("guizhou", "ASCEND-910B", 900L, TUESDAY, List.of(trade("2026-12-01T10:00:09Z", 950))),
                book("guizhou", "A100-SXM4-80GB", 900L, MONDAY, List.of()),
                book("gansu", "H100-SXM5-80GB", null, null, List.of()));

        Map<String, Map<String, Object>> hubs = OpsStream.hubs(books);

        Map<String, Object> guizhou = hubs.get("guizhou");
        assertEquals(new OpsStream.Price(900, "CNY", "A100-SXM4-80GB", MONDAY), guizhou.get("bestAsk"));
        assertEquals(
                new OpsStream.Price(950, "CNY", "ASCEND-910B", Instant.parse("2026-12-01T10:00:09Z")),
                guizhou.get("lastTrade"));
        assertEquals(3L * 8, guizhou.get("devicesListed"));
        assertEquals(6L, guizhou.get("trades"));
        Map<String, Object> gansu = hubs.get("gansu");
        assertEquals(null, gansu.get("bestAsk"));
        assertEquals(null, gansu.get("lastTrade"));
    }

    private static BookSummary.Trade trade(String at, long price) {
        return new BookSummary.Trade(Instant.parse(at), price, 1, 2);
    }

    private static BookSummary book(
            String hub, String model, Long ask, Instant askFrom, List<BookSummary.Trade> recent) {
        return new BookSummary(
                BookSummary.TYPE,
                hub,
                model,
                "CNY",
                Instant.now(),
                1,
                8,
                ask,
                askFrom,
                Map.of(),
                Map.of(),
                0,
                null,
                recent.isEmpty() ? null : recent.get(0).pricePerDeviceHour(),
                2,
                4,
                0,
                recent);
    }
}
