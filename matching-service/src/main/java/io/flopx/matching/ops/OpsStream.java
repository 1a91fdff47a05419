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

    /** One card per hub, from the books of its models (see {@link HubCard}). */
    static Map<String, HubCard> hubs(List<BookSummary> books) {
        Map<String, HubCard> hubs = new TreeMap<>();
        books.forEach(b -> hubs.computeIfAbsent(b.hub(), k -> new HubCard()).add(b));
        return hubs;
    }

    /**
     * A hub's card, summed over its books: resting orders, devices listed and offerings, trades and device-hours
     * traded, the cheapest ask per device-hour with its model, currency and first hour (offerings may start days
     * ahead; on a tie the earlier), and the newest trade with its model. Prices of different models are not
     * comparable, so every price names its model; asks in another currency than the first one seen are not
     * compared with it. Serialised as it is (public fields).
     */
    static final class HubCard {
        public long restingOrders;
        public long devicesListed;
        public long offerings;
        public long trades;
        public long volumeDeviceHours;
        public Price bestAsk;
        public Price lastTrade;

        void add(BookSummary b) {
            restingOrders += b.restingOrders();
            devicesListed += b.devicesListed();
            offerings += b.offerings();
            trades += b.trades();
            volumeDeviceHours += b.volumeDeviceHours();
            if (b.bestAsk() != null && isBetterAsk(b)) {
                bestAsk = new Price(b.bestAsk(), b.currency(), b.model(), b.bestAskFrom());
            }
            if (!b.recentTrades().isEmpty()) {
                BookSummary.Trade newest = b.recentTrades().get(0); // newest first
                if (lastTrade == null
                        || lastTrade.at() == null
                        || newest.at() != null && newest.at().isAfter(lastTrade.at())) {
                    lastTrade = new Price(newest.pricePerDeviceHour(), b.currency(), b.model(), newest.at());
                }
            }
        }

        private boolean isBetterAsk(BookSummary b) {
            if (bestAsk == null) {
                return true;
            }
            if (!bestAsk.currency().equals(b.currency())) {
                return false;
            }
            return b.bestAsk() < bestAsk.pricePerDeviceHour()
                    || b.bestAsk() == bestAsk.pricePerDeviceHour()
                            && b.bestAskFrom() != null
                            && bestAsk.at() != null
                            && b.bestAskFrom().isBefore(bestAsk.at());
        }
    }

    /** A price per device-hour of one model, in minor units of its currency, and when it applies or was made. */
    record Price(long pricePerDeviceHour, String currency, String model, Instant at) {}
}
