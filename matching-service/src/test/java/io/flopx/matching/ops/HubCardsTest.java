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

        Map<String, OpsStream.HubCard> hubs = OpsStream.hubs(books);

        OpsStream.HubCard guizhou = hubs.get("guizhou");
        assertEquals(new OpsStream.Price(900, "CNY", "A100-SXM4-80GB", MONDAY), guizhou.bestAsk);
        assertEquals(
                new OpsStream.Price(950, "CNY", "ASCEND-910B", Instant.parse("2026-12-01T10:00:09Z")),
                guizhou.lastTrade);
        assertEquals(3L * 8, guizhou.devicesListed);
        assertEquals(6L, guizhou.trades);
        OpsStream.HubCard gansu = hubs.get("gansu");
        assertEquals(null, gansu.bestAsk);
        assertEquals(null, gansu.lastTrade);
    }

    @Test
    void anAskInAnotherCurrencyIsNotComparedWithTheFirst() {
        BookSummary usd = book("ningxia", "H100-SXM5-80GB", 200L, MONDAY, List.of());
        usd = new BookSummary(
                usd.type(),
                usd.hub(),
                usd.model(),
                "USD",
                usd.at(),
                usd.offerings(),
                usd.devicesListed(),
                usd.bestAsk(),
                usd.bestAskFrom(),
                usd.bestAskPerPflopHour(),
                usd.peakGflops(),
                usd.restingOrders(),
                usd.bestBid(),
                usd.lastPrice(),
                usd.trades(),
                usd.volumeDeviceHours(),
                usd.turnover(),
                usd.recentTrades());
        OpsStream.HubCard card = OpsStream.hubs(
                        List.of(book("ningxia", "A100-SXM4-80GB", 900L, MONDAY, List.of()), usd))
                .get("ningxia");
        assertEquals(new OpsStream.Price(900, "CNY", "A100-SXM4-80GB", MONDAY), card.bestAsk);
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
