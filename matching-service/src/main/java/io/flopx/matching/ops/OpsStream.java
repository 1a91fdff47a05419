package io.flopx.matching.ops;

import io.flopx.matching.service.MarketDataView;
import io.flopx.matching.wire.BookSummary;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The live market for the operators' dashboard, as Server-Sent Events: one frame of the whole exchange
 * every quarter of a second, however many events arrived in between. The gateway proxies it to the page
 * (the internet-facing gateway holds no Kafka credentials; this service already reads the market data).
 * Books and the price index come from the market data every instance reads anyway; trades and match
 * latency from {@link LiveMarketFeed}, which reads only while someone watches.
 */
@Path("/ops")
@RolesAllowed("operator")
public class OpsStream {

    static final Duration TICK = Duration.ofMillis(250);

    private volatile long eventsPerSecond;
    private long rateEvents;
    private long rateAt = System.nanoTime();
    private final MarketDataView view;
    private final LiveMarketFeed feed;

    public OpsStream(MarketDataView view, LiveMarketFeed feed) {
        this.view = view;
        this.feed = feed;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // internal: reached through the gateway's /dashboard/stream
    public Multi<Map<String, Object>> stream() {
        return Multi.createFrom()
                .ticks()
                .every(TICK)
                .onOverflow()
                .drop()
                .map(tick -> frame())
                .onSubscription()
                .invoke(feed::watched)
                .onTermination()
                .invoke(feed::unwatched);
    }

    private Map<String, Object> frame() {
        List<BookSummary> books = view.books();
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("at", System.currentTimeMillis());
        frame.put("books", books);
        frame.put("hubs", hubs(books));
        frame.putAll(feed.snapshot());
        frame.put("fillsTotal", books.stream().mapToLong(BookSummary::trades).sum());
        frame.put("index", view.indexHistory());
        frame.put("eventsPerSecond", eventsPerSecond());
        return frame;
    }

    /** Records the feed read per second, over the last second or more. */
    private synchronized long eventsPerSecond() {
        long now = System.nanoTime();
        if (now - rateAt >= 1_000_000_000L) {
            long events = feed.eventsIn();
            eventsPerSecond = Math.round((events - rateEvents) * 1e9 / (now - rateAt));
            rateEvents = events;
            rateAt = now;
        }
        return eventsPerSecond;
    }

    /**
     * Per hub: resting orders, devices listed and offerings, device-hours traded, the cheapest ask per
     * device-hour with its model, currency and first hour (offerings may start days ahead), and the last trade
     * with its model. Prices of different models are not comparable, so every price names its model.
     */
    static Map<String, Map<String, Object>> hubs(List<BookSummary> books) {
        Map<String, Map<String, Object>> hubs = new TreeMap<>();
        Map<String, Instant> lastTradeAt = new TreeMap<>();
        for (BookSummary b : books) {
            Map<String, Object> h = hubs.computeIfAbsent(b.hub(), k -> {
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("restingOrders", 0L);
                fresh.put("devicesListed", 0L);
                fresh.put("offerings", 0L);
                fresh.put("trades", 0L);
                fresh.put("volumeDeviceHours", 0L);
                return fresh;
            });
            h.merge("restingOrders", (long) b.restingOrders(), (x, y) -> (Long) x + (Long) y);
            h.merge("devicesListed", b.devicesListed(), (x, y) -> (Long) x + (Long) y);
            h.merge("offerings", (long) b.offerings(), (x, y) -> (Long) x + (Long) y);
            h.merge("trades", b.trades(), (x, y) -> (Long) x + (Long) y);
            h.merge("volumeDeviceHours", b.volumeDeviceHours(), (x, y) -> (Long) x + (Long) y);
            if (b.bestAsk() != null && isCheaper(b, (Price) h.get("bestAsk"))) {
                h.put("bestAsk", new Price(b.bestAsk(), b.currency(), b.model(), b.bestAskFrom()));
            }
            if (!b.recentTrades().isEmpty()) {
                BookSummary.Trade last = b.recentTrades().get(0); // newest first
                Instant seen = lastTradeAt.get(b.hub());
                if (seen == null || last.at() != null && last.at().isAfter(seen)) {
                    lastTradeAt.put(b.hub(), last.at());
                    h.put("lastTrade", new Price(last.pricePerDeviceHour(), b.currency(), b.model(), last.at()));
                }
            }
        }
        return hubs;
    }

    private static boolean isCheaper(BookSummary b, Price best) {
        return best == null
                || b.bestAsk() < best.pricePerDeviceHour()
                || b.bestAsk() == best.pricePerDeviceHour()
                        && b.bestAskFrom() != null
                        && best.at() != null
                        && b.bestAskFrom().isBefore(best.at());
    }

    /** A price per device-hour of one model, in minor units of its currency, and when it applies or was made. */
    record Price(long pricePerDeviceHour, String currency, String model, Instant at) {}
}
