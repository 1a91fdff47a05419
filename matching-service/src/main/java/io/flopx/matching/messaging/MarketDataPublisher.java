package io.flopx.matching.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.service.MarketDataView;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.HubOwner;
import io.flopx.matching.wire.PriceIndex;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes market data on {@code market-data} (compacted): the summary of each book of the hubs this instance
 * owns that changed since it was last published, and the price index per precision computed from every hub's
 * data. At most about once a second, so a busy second yields one record per book, not one per trade, and
 * consumers such as the operators' dashboard stay smooth; but a change in a quiet market (nothing published for
 * a second) goes out at once, not at the next second, as an exchange's conflated feed sends the first update of
 * a quiet interval right away. And, once per hub that comes to
 * this instance, its claim to own it (HubOwner): where peers ask for that hub's part of a quote.
 */
@ApplicationScoped
public class MarketDataPublisher {

    private static final Logger LOG = Logger.getLogger(MarketDataPublisher.class);
    private static final Duration CLAIM_AGAIN = Duration.ofSeconds(5);

    private final MarketService market;
    private final MarketDataView view;
    private final MutinyEmitter<Record<String, String>> out;
    private final ObjectMapper json;
    /** What was last published per key, without its time: only changes are published. */
    private final Map<String, Object> lastPublished = new HashMap<>();

    private final String advertisedUrl;
    /** When each hub was last claimed by this instance. */
    private final Map<String, Instant> claimed = new HashMap<>();
    /** The interval in milliseconds; 0 when market data is published only on revocation (tests). */
    private final long intervalMillis;
    /** When anything was last published (by the schedule, at once or at a revocation). */
    private volatile long lastPublishedMillis;
    /** A publication started by {@link #changed()} that has not completed. */
    private final AtomicBoolean publishingNow = new AtomicBoolean();

    public MarketDataPublisher(
            MarketService market,
            MarketDataView view,
            @Channel("market-data") MutinyEmitter<Record<String, String>> out,
            ObjectMapper json,
            @ConfigProperty(name = "flopx.matching.advertised-url") String advertisedUrl,
            @ConfigProperty(name = "flopx.matching.market-data-interval", defaultValue = "1s") String interval) {
        this.intervalMillis =
                isOff(interval) ? 0 : DurationConverter.parseDuration(interval).toMillis();
        this.market = market;
        this.advertisedUrl = advertisedUrl;
        this.view = view;
        this.out = out;
        this.json = json;
    }

    // Like every scheduled job here that writes to Kafka: not before the application has started (on a slow
    // first start the channel may not be connected 2 s after the scheduler: "Unable to connect an emitter").
    @Scheduled(
            every = "${flopx.matching.market-data-interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> publish() {
        return publishChanges();
    }

    /**
     * After commands were applied: if nothing was published for a whole interval (a quiet market), what
     * changed is published now; otherwise the schedule publishes it within the interval. Never waits, never
     * throws: it runs on the path that applies commands, and market data failing must not fail a batch (the
     * schedule tries again within the interval).
     */
    public void changed() {
        if (intervalMillis == 0
                || System.currentTimeMillis() - lastPublishedMillis < intervalMillis
                || !publishingNow.compareAndSet(false, true)) {
            return;
        }
        try {
            publishChanges()
                    .onTermination()
                    .invoke(() -> publishingNow.set(false))
                    .subscribe()
                    .with(ok -> {}, failure -> LOG.debugf("market data not published at once: %s", failure));
        } catch (RuntimeException e) {
            publishingNow.set(false);
            LOG.warnf("market data not published at once: %s", e.toString());
        }
    }

    private static boolean isOff(String interval) {
        return "off".equalsIgnoreCase(interval) || "disabled".equalsIgnoreCase(interval);
    }

    /**
     * Publishes what changed since the last publication now, outside the schedule: a partition about to be
     * revoked has its last commands' effects published before this instance forgets its markets (the next
     * owner publishes nothing until it applies a command of its own, which in a quiet hub may be minutes).
     */
    public Uni<Void> publishChanges() {
        List<Record<String, String>> changed = collectChanges(Instant.now());
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Handed to the producer all at once, so a second's records travel in one request (and the instances
        // reading them fetch them once); one at a time, each waited for its acknowledgement: a request per book.
        return Uni.join()
                .all(changed.stream().map(out::send).toList())
                .andCollectFailures()
                .replaceWithVoid();
    }

    /** Synchronized: the schedule and a revocation (on Kafka's polling thread) may both collect. */
    private synchronized List<Record<String, String>> collectChanges(Instant now) {
        List<Record<String, String>> changed = new ArrayList<>();
        claimOwnedHubs(changed, now);
        for (BookSummary book : market.summaries(now)) {
            // The view is told at once (quotes and the market stream need not wait for the round trip), but only
            // of a change: a summary that differs in its time alone is the same market.
            if (collectIfChanged(changed, book.key(), book, withoutTime(book))) {
                view.put(book);
            }
        }
        for (PriceIndex index : indexes(view.books(), now)) {
            collectIfChanged(
                    changed,
                    index.key(),
                    index,
                    new PriceIndex(
                            index.type(),
                            index.precision(),
                            index.currency(),
                            null,
                            index.bestAskPerPflopHour(),
                            index.tradedPerPflopHour(),
                            index.recentTrades()));
        }
        if (!changed.isEmpty()) {
            lastPublishedMillis = now.toEpochMilli();
        }
        return changed;
    }

    /**
     * Each hub here is claimed while the market data this instance reads names another owner (or none): once
     * when it comes here, and again if another instance's claim came later (the hub moved away and back, or
     * the other one restarted on it). A claim on its way is given five seconds to come back before the next.
     */
    private void claimOwnedHubs(List<Record<String, String>> changed, Instant now) {
        for (String hub : market.hubs()) {
            Instant sent = claimed.get(hub);
            if (advertisedUrl.equals(view.ownerOf(hub)) || sent != null && sent.isAfter(now.minus(CLAIM_AGAIN))) {
                continue;
            }
            HubOwner claim = new HubOwner(HubOwner.TYPE, hub, advertisedUrl, now);
            changed.add(record(claim.key(), claim));
            claimed.put(hub, now);
        }
    }

    /** Adds the record if its value (without time) differs from the last one published; says whether it did. */
    private boolean collectIfChanged(
            List<Record<String, String>> changed, String key, Object value, Object comparable) {
        if (comparable.equals(lastPublished.get(key))) {
            return false;
        }
        changed.add(record(key, value));
        lastPublished.put(key, comparable);
        return true;
    }

    private Record<String, String> record(String key, Object value) {
        try {
            return Record.of(key, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BookSummary withoutTime(BookSummary b) {
        return new BookSummary(
                b.type(),
                b.hub(),
                b.model(),
                b.currency(),
                null,
                b.offerings(),
                b.devicesListed(),
                b.bestAsk(),
                b.bestAskFrom(),
                b.bestAskPerPflopHour(),
                b.peakGflops(),
                b.restingOrders(),
                b.bestBid(),
                b.lastPrice(),
                b.trades(),
                b.volumeDeviceHours(),
                b.turnover(),
                b.recentTrades());
    }

    /**
     * Per precision and currency: the lowest ask per PFLOP-hour in any hub, and the price per PFLOP-hour of
     * the recent trades of models with that precision, weighted by what was traded.
     */
    static List<PriceIndex> indexes(List<BookSummary> books, Instant now) {
        Map<String, Long> asks = new TreeMap<>();
        Map<String, double[]> traded = new TreeMap<>();
        for (BookSummary b : books) {
            b.bestAskPerPflopHour()
                    .forEach((precision, ask) -> asks.merge(precision + "|" + b.currency(), ask, Math::min));
            b.peakGflops().forEach((precision, peak) -> {
                if (peak == null || peak <= 0) {
                    return;
                }
                double[] t = traded.computeIfAbsent(precision + "|" + b.currency(), k -> new double[3]);
                for (BookSummary.Trade trade : b.recentTrades()) {
                    double deviceHours = (double) trade.devices() * trade.hours();
                    t[0] += deviceHours * trade.pricePerDeviceHour();
                    t[1] += deviceHours * peak / 1_000_000.0;
                    t[2]++;
                }
            });
        }
        List<PriceIndex> out = new ArrayList<>();
        for (String key : asks.keySet()) {
            String[] parts = key.split("\\|", 2);
            double[] t = traded.getOrDefault(key, new double[3]);
            out.add(new PriceIndex(
                    PriceIndex.TYPE,
                    parts[0],
                    parts[1],
                    now,
                    asks.get(key),
                    t[1] > 0 ? Math.round(t[0] / t[1]) : null,
                    (long) t[2]));
        }
        return out;
    }
}
