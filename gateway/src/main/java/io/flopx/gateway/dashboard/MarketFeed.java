package io.flopx.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The live market for the operators' dashboard, aggregated from Kafka as it happens: the book summaries
 * and price indexes of {@code market-data}, the fills of {@code market-events} (ticker, fill rate,
 * volume per hub) and the time from each order's placement on {@code order-events} to its first fill
 * (match latency, from the two records' broker timestamps). However many events arrive, the page gets
 * one snapshot per tick (see DashboardStream), so it stays smooth.
 */
@ApplicationScoped
public class MarketFeed {

    /** Upper bounds of the match-latency histogram's buckets, in milliseconds; the last is open. */
    static final long[] LATENCY_BUCKETS_MS = { 5, 10, 25, 50, 100, 250, 500, 1000, 2500, Long.MAX_VALUE };
    static final int TICKER = 25;
    static final int INDEX_POINTS = 240;
    private static final int PLACED_REMEMBERED = 100_000;

    private final ObjectMapper json;
    private final Map<String, JsonNode> books = new TreeMap<>();
    private final Map<String, Deque<double[]>> indexSeries = new TreeMap<>();
    private final Deque<JsonNode> trades = new ArrayDeque<>();
    private final Deque<Long> fillTimes = new ArrayDeque<>();
    private final Map<String, Long> placedAt = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > PLACED_REMEMBERED;
        }
    };
    private final AtomicLongArray latency = new AtomicLongArray(LATENCY_BUCKETS_MS.length);
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();

    public MarketFeed(ObjectMapper json) {
        this.json = json;
    }

    /** Records arrive in batches (what one poll returned): one pass through the messaging layer per batch, not per record. */
    @Incoming("dashboard-market-data")
    public void onMarketData(List<String> values) {
        values.forEach(this::onMarketData);
    }

    @Incoming("dashboard-order-events")
    public void onOrderEvents(ConsumerRecords<String, String> records) {
        records.forEach(this::onOrderEvent);
    }

    @Incoming("dashboard-market-events")
    public void onMarketEvents(ConsumerRecords<String, String> records) {
        records.forEach(this::onMarketEvent);
    }

    private void onMarketData(String value) {
        eventsIn.incrementAndGet();
        JsonNode node = parse(value);
        if (node == null) {
            return;
        }
        synchronized (this) {
            switch (node.path("type").asText()) {
                case "BOOK" -> books.put(node.path("hub").asText() + "|" + node.path("model").asText() + "|"
                        + node.path("currency").asText(), node);
                case "INDEX" -> {
                    Deque<double[]> series = indexSeries.computeIfAbsent(node.path("precision").asText() + " "
                            + node.path("currency").asText(), k -> new ArrayDeque<>());
                    JsonNode price = node.path("tradedPerPflopHour").isNumber() ? node.path("tradedPerPflopHour")
                            : node.path("bestAskPerPflopHour");
                    series.addLast(new double[] { System.currentTimeMillis(), price.asDouble() });
                    while (series.size() > INDEX_POINTS) {
                        series.removeFirst();
                    }
                }
                default -> {
                }
            }
        }
    }

    private void onOrderEvent(ConsumerRecord<String, String> record) {
        eventsIn.incrementAndGet();
        if (record.value() != null && record.value().contains("\"ORDER_PLACED\"")) {
            synchronized (this) {
                placedAt.putIfAbsent(record.key(), record.timestamp());
            }
        }
    }

    private void onMarketEvent(ConsumerRecord<String, String> record) {
        eventsIn.incrementAndGet();
        JsonNode e = parse(record.value());
        if (e == null || !"FILL".equals(e.path("type").asText())) {
            return;
        }
        fills.incrementAndGet();
        synchronized (this) {
            Long placed = placedAt.remove(e.path("orderId").asText());
            if (placed != null) {
                long ms = Math.max(0, record.timestamp() - placed);
                for (int i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
                    if (ms <= LATENCY_BUCKETS_MS[i]) {
                        latency.incrementAndGet(i);
                        break;
                    }
                }
            }
            var trade = json.createObjectNode().put("at", record.timestamp()).put("hub", e.path("hub").asText())
                    .put("model", e.path("model").asText()).put("devices", e.path("devices").asInt())
                    .put("pricePerDeviceHour", e.path("pricePerDeviceHour").asLong()).put("currency", e.path("currency").asText())
                    .put("hours", hours(e));
            trades.addFirst(trade);
            while (trades.size() > TICKER) {
                trades.removeLast();
            }
            fillTimes.addLast(System.currentTimeMillis());
        }
    }

    public long eventsIn() {
        return eventsIn.get();
    }

    /** Everything the page shows about the market, as of now. */
    public synchronized Map<String, Object> snapshot() {
        long now = System.currentTimeMillis();
        while (!fillTimes.isEmpty() && fillTimes.peekFirst() < now - 60_000) {
            fillTimes.removeFirst();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("books", new ArrayList<>(books.values()));
        out.put("hubs", hubs());
        out.put("trades", new ArrayList<>(trades));
        Map<String, List<double[]>> series = new TreeMap<>();
        indexSeries.forEach((k, v) -> series.put(k, new ArrayList<>(v)));
        out.put("index", series);
        out.put("fillsLastMinute", fillTimes.size());
        out.put("fillsTotal", fills.get());
        List<Map<String, Object>> histogram = new ArrayList<>();
        for (int i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
            histogram.add(Map.of("le", LATENCY_BUCKETS_MS[i] == Long.MAX_VALUE ? "more" : String.valueOf(LATENCY_BUCKETS_MS[i]),
                    "count", latency.get(i)));
        }
        out.put("matchLatency", histogram);
        return out;
    }

    /** Per hub: resting orders, devices listed and offerings, the best ask, and the device-hours traded. */
    private Map<String, Map<String, Object>> hubs() {
        Map<String, Map<String, Object>> hubs = new TreeMap<>();
        for (JsonNode b : books.values()) {
            Map<String, Object> h = hubs.computeIfAbsent(b.path("hub").asText(), k -> new LinkedHashMap<>(Map.of(
                    "restingOrders", 0L, "devicesListed", 0L, "offerings", 0L, "volumeDeviceHours", 0L)));
            h.merge("restingOrders", b.path("restingOrders").asLong(), (a, c) -> (Long) a + (Long) c);
            h.merge("devicesListed", b.path("devicesListed").asLong(), (a, c) -> (Long) a + (Long) c);
            h.merge("offerings", b.path("offerings").asLong(), (a, c) -> (Long) a + (Long) c);
            h.merge("volumeDeviceHours", b.path("volumeDeviceHours").asLong(), (a, c) -> (Long) a + (Long) c);
            if (b.path("bestAsk").isNumber()) {
                h.merge("bestAsk", b.path("bestAsk").asLong(), (a, c) -> Math.min((Long) a, (Long) c));
            }
        }
        return hubs;
    }

    private static long hours(JsonNode e) {
        try {
            return java.time.Duration.between(java.time.Instant.parse(e.path("start").asText()),
                    java.time.Instant.parse(e.path("end").asText())).toHours();
        } catch (RuntimeException ex) {
            return 0;
        }
    }

    private JsonNode parse(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (Exception ex) {
            return null;
        }
    }
}
