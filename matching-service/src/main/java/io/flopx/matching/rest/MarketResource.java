package io.flopx.matching.rest;

import io.flopx.matching.service.MarketDataView;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.service.QuoteService;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.OrderEvent;
import io.flopx.matching.wire.PriceIndex;
import io.flopx.support.ApiProblem;
import io.flopx.support.CallerTenant;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Market data (anonymised, for everyone signed in) and quotes. */
@Path("/market")
@Authenticated
@Tag(name = "Market", description = "Market data and quotes")
public class MarketResource {

    static final Duration STREAM_TICK = Duration.ofMillis(250);
    static final Duration STREAM_HEARTBEAT = Duration.ofSeconds(15);

    private final MarketService market;
    private final MarketDataView marketData;
    private final QuoteService quotes;
    private final CallerTenant caller;
    private final JsonWebToken token;

    public MarketResource(
            MarketService market,
            MarketDataView marketData,
            QuoteService quotes,
            CallerTenant caller,
            JsonWebToken token) {
        this.token = token;
        this.market = market;
        this.marketData = marketData;
        this.quotes = quotes;
        this.caller = caller;
    }

    /** Comparing two instances (or two replays) of the same markets: equal hashes, equal books. */
    @GET
    @Path("/state-hash")
    public Map<String, Object> stateHash() {
        return Map.of("stateHash", market.stateHash(), "hubs", market.hubs());
    }

    /** Per hub, model and currency: listed capacity, best ask and bid, resting orders, trades and volume. */
    @GET
    @Path("/depth")
    public List<BookSummary> depth(@QueryParam("hub") String hub, @QueryParam("model") String model) {
        return marketData.books().stream()
                .filter(b -> hub == null || b.hub().equals(hub))
                .filter(b -> model == null || b.model().equals(model))
                .toList();
    }

    /** The most recent trades, newest first, across hubs and models (or of one). */
    @GET
    @Path("/trades")
    public List<TradeRow> trades(
            @QueryParam("hub") String hub,
            @QueryParam("model") String model,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return newestTrades(depth(hub, model), limit);
    }

    /** The newest {@code limit} trades of these books, newest first. */
    private static List<TradeRow> newestTrades(List<BookSummary> books, int limit) {
        return books.stream()
                .flatMap(b -> b.recentTrades().stream().map(t -> new TradeRow(b.hub(), b.model(), b.currency(), t)))
                .sorted(Comparator.comparing((TradeRow r) -> r.trade().at()).reversed())
                .limit(limit)
                .toList();
    }

    public record TradeRow(String hub, String model, String currency, BookSummary.Trade trade) {}

    /**
     * Depth and the newest trades (of a hub, a model, or all), pushed as Server-Sent Events: a frame whenever
     * they change (looked at every quarter of a second) and at least every {@link #STREAM_HEARTBEAT} on a quiet
     * market. Every instance reads all of the market data, so any instance can serve any hub. The stream ends
     * when the caller's token expires (a client reconnects with a fresh one), so that a signed-out user's
     * stream does not outlive the sign-in.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Live depth and trades as Server-Sent Events: a frame (JSON) whenever they change, at least every"
                    + " 15 s; ends when the token expires")
    // Generated clients read whole bodies and would wait forever here: OpenAPI Generator leaves an x-internal
    // operation out, and flopx-client reads the stream with its EventStream instead.
    @Extension(name = "x-internal", value = "true", parseValue = true)
    public Multi<MarketFrame> stream(
            @QueryParam("hub") String hub,
            @QueryParam("model") String model,
            @QueryParam("trades") @DefaultValue("10") @Min(1) @Max(200) int trades) {
        Duration tokenLeft = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
        Multi<MarketFrame> frames = Multi.createFrom().deferred(() -> {
            ChangedOrDue changedOrDue = new ChangedOrDue(STREAM_HEARTBEAT);
            return Multi.createFrom()
                    .ticks()
                    .every(STREAM_TICK)
                    .onOverflow()
                    .drop()
                    .map(tick -> frame(depth(hub, model), trades))
                    .select()
                    .where(changedOrDue);
        });
        return token.getExpirationTime() > 0 ? frames.select().first(tokenLeft) : frames;
    }

    /** A stream frame: the books once, their newest trades taken from them. */
    private static MarketFrame frame(List<BookSummary> books, int trades) {
        return new MarketFrame(Instant.now(), books, newestTrades(books, trades));
    }

    /** The price of compute per precision: the best ask and the recent traded price, per PFLOP-hour. */
    @GET
    @Path("/index")
    public List<PriceIndex> index() {
        return marketData.indexes();
    }

    /** What an order would get now, and if not everything, why and the nearest way to get it. Trades nothing. */
    @POST
    @Path("/quote")
    public QuoteService.Quote quote(@NotNull @Valid QuoteRequest q) {
        boolean throughput = "THROUGHPUT".equals(q.kind());
        if (throughput && (q.throughputGflops() == null || q.precision() == null)) {
            throw ApiProblem.badRequest(
                    q.throughputGflops() == null ? "throughputGflops" : "precision",
                    "a THROUGHPUT quote needs throughputGflops and precision");
        }
        if (!throughput && q.devices() == null) {
            throw ApiProblem.badRequest("devices", "a DEVICES quote needs devices");
        }
        if (q.latestStart() != null && q.latestStart().isBefore(q.earliestStart())) {
            throw ApiProblem.badRequest("latestStart", "must not be before earliestStart");
        }
        OrderEvent order = new OrderEvent(
                null,
                OrderEvent.PLACED,
                null,
                UUID.randomUUID(),
                0,
                caller.id(),
                q.kind(),
                q.models(),
                q.devices(),
                q.throughputGflops(),
                q.precision(),
                q.durationHours(),
                q.earliestStart(),
                q.latestStart(),
                q.limitPrice(),
                q.currency(),
                q.allowedHubs(),
                q.maxPueMilli(),
                q.minGreenRating(),
                q.interconnect(),
                q.sameSite(),
                q.fillPolicy(),
                q.minFill(),
                "IMMEDIATE_OR_CANCEL",
                null,
                null,
                q.minReliabilityBps());
        return quotes.quote(order, caller.hasRole("enterprise"));
    }
}
