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

    private final MarketDataView view;
    private final LiveMarketFeed feed;
    private final ConsumerLag lag;
    private volatile long eventsPerSecond;
    private long rateEvents;
    private long rateAt = System.nanoTime();

    public OpsStream(MarketDataView view, LiveMarketFeed feed, ConsumerLag lag) {
        this.view = view;
        this.feed = feed;
        this.lag = lag;
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
        lag.refresh();
        List<BookSummary> books = view.books();
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("at", System.currentTimeMillis());
        frame.put("books", books);
        frame.put("hubs", hubs(books));
        frame.putAll(feed.snapshot());
        frame.put("fillsTotal", books.stream().mapToLong(BookSummary::trades).sum());
        frame.put("index", view.indexHistory());
        frame.put("eventsPerSecond", eventsPerSecond());
        frame.put("lag", lag.lag());
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

    /** Per hub: resting orders, devices listed and offerings, the best ask, and the device-hours traded. */
    static Map<String, Map<String, Long>> hubs(List<BookSummary> books) {
        Map<String, Map<String, Long>> hubs = new TreeMap<>();
        for (BookSummary b : books) {
            Map<String, Long> h = hubs.computeIfAbsent(
                    b.hub(),
                    k -> new LinkedHashMap<>(Map.of(
                            "restingOrders", 0L, "devicesListed", 0L, "offerings", 0L, "volumeDeviceHours", 0L)));
            h.merge("restingOrders", (long) b.restingOrders(), Long::sum);
            h.merge("devicesListed", b.devicesListed(), Long::sum);
            h.merge("offerings", (long) b.offerings(), Long::sum);
            h.merge("volumeDeviceHours", b.volumeDeviceHours(), Long::sum);
            if (b.bestAsk() != null) {
                h.merge("bestAsk", b.bestAsk(), Math::min);
            }
        }
        return hubs;
    }
}
