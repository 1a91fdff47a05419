package io.flopx.matching.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The trades and match latency the operators' dashboard shows, taken from {@code market-events} (fills)
 * and {@code order-events} (when each order was placed; an order naming one hub is placed straight on
 * {@code market-commands} instead), from the moment a dashboard opens: a consumer of
 * its own that reads every partition of these topics from their end (no consumer group, nothing committed)
 * runs only while a dashboard watches and a minute after the last one closed, so that an exchange nobody
 * watches pays nothing for its dashboard. Any matching-service instance can serve it: it reads every
 * partition, not just the hubs the instance owns.
 */
@ApplicationScoped
public class LiveMarketFeed {

    private static final Logger LOG = Logger.getLogger(LiveMarketFeed.class);
    /** Upper bounds of the match-latency histogram's buckets, in milliseconds; the last is open. */
    static final long[] LATENCY_BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, Long.MAX_VALUE};

    static final int TICKER = 25;
    static final String FILLS = "market-events";
    static final String PLACEMENTS = "order-events";
    static final String COMMANDS = "market-commands";
    private static final int PLACED_REMEMBERED = 100_000;
    /** A page reload closes and reopens the feed: the consumer outlives its last watcher by this much. */
    static final Duration LINGER = Duration.ofMinutes(1);

    private final ObjectMapper json;
    private final String bootstrap;
    private final Deque<Map<String, Object>> trades = new ArrayDeque<>();
    private final Deque<Long> fillTimes = new ArrayDeque<>();
    private final Map<String, Long> placedAt = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > PLACED_REMEMBERED;
        }
    };
    private final AtomicLongArray latency = new AtomicLongArray(LATENCY_BUCKETS_MS.length);
    private final AtomicLong eventsIn = new AtomicLong();
    private int watchers;
    private long lastWatchedAt;
    /** Reading now, or null. */
    private Reader reader;

    public LiveMarketFeed(ObjectMapper json, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.json = json;
        this.bootstrap = bootstrap;
    }

    /** A dashboard opened: read from now on (from the end of the topics, if not reading already). */
    public synchronized void watched() {
        watchers++;
        if (reader == null) {
            reader = new Reader();
            Thread.ofPlatform().daemon().name("dashboard-feed").start(reader);
        }
    }

    /** A dashboard closed: reading stops {@link #LINGER} later unless another one opens meanwhile. */
    public synchronized void unwatched() {
        watchers--;
        lastWatchedAt = System.currentTimeMillis();
        Infrastructure.getDefaultWorkerPool()
                .schedule(
                        () -> stopIfUnwatched(System.currentTimeMillis()),
                        LINGER.toMillis() + 1_000,
                        TimeUnit.MILLISECONDS);
    }

    /** Whether the feed is reading now. */
    public synchronized boolean reading() {
        return reader != null;
    }

    private synchronized void stopIfUnwatched(long now) {
        if (reader != null && watchers <= 0 && now - lastWatchedAt >= LINGER.toMillis()) {
            stop();
        }
    }

    private synchronized void stop() {
        if (reader != null) {
            reader.stop();
            reader = null;
        }
    }

    private synchronized void ended(Reader r) {
        if (reader == r) {
            reader = null; // it failed: the next watcher starts another
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> c, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            c.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    @PreDestroy
    void close() {
        stop();
    }

    /** One run of the consumer, from a first watcher to the linger's end. */
    private final class Reader implements Runnable {

        private volatile boolean stopped;
        private volatile KafkaConsumer<String, String> consumer;

        void stop() {
            stopped = true;
            KafkaConsumer<String, String> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        @Override
        public void run() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "matching-dashboard-feed");
            props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"); // never creates the exchange's topics
            try (KafkaConsumer<String, String> c =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                // From the end of the topics: the dashboard shows what happens from now on.
                List<TopicPartition> assigned = partitionsOf(c, List.of(FILLS, PLACEMENTS, COMMANDS));
                c.assign(assigned);
                c.seekToEnd(assigned);
                List<String> missing = new ArrayList<>(List.of(FILLS, PLACEMENTS, COMMANDS));
                assigned.forEach(p -> missing.remove(p.topic()));
                long lookedAt = System.currentTimeMillis();
                while (!stopped) {
                    if (!missing.isEmpty() && System.currentTimeMillis() - lookedAt > 2_000) {
                        // A topic that did not exist yet (a fresh broker creates them on first use): read it
                        // from its beginning, everything in it is new.
                        lookedAt = System.currentTimeMillis();
                        List<TopicPartition> found = partitionsOf(c, missing);
                        if (!found.isEmpty()) {
                            found.forEach(p -> missing.remove(p.topic()));
                            assigned.addAll(found);
                            c.assign(assigned);
                            c.seekToBeginning(found);
                        }
                    }
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                        eventsIn.incrementAndGet();
                        if (FILLS.equals(r.topic())) {
                            onMarketEvent(r.value(), r.timestamp());
                        } else if (COMMANDS.equals(r.topic())) {
                            onCommand(r.value(), r.timestamp());
                        } else {
                            onOrderEvent(r.key(), r.value(), r.timestamp());
                        }
                    }
                }
            } catch (WakeupException woken) {
                // stop() woke the poll
            } catch (RuntimeException e) {
                LOG.warnf("dashboard feed stopped: %s", e.toString());
            } finally {
                ended(this);
            }
        }
    }

    void onOrderEvent(String orderId, String value, long timestamp) {
        if (value != null && value.contains("\"ORDER_PLACED\"")) {
            synchronized (this) {
                placedAt.putIfAbsent(orderId, timestamp);
            }
        }
    }

    /**
     * A placement order-service appended to the matchers' log itself (no input record: the sequencer's
     * commands name theirs, and their placements were seen on order-events already; forwards are past hop 0).
     */
    void onCommand(String value, long timestamp) {
        if (value == null || !value.contains("ORDER_PLACED")) {
            return;
        }
        JsonNode command = parse(value);
        if (command == null
                || !"ORDER".equals(command.path("kind").asText())
                || command.path("hop").asInt(0) != 0
                || command.hasNonNull("input")
                || command.hasNonNull("leg")) {
            return;
        }
        JsonNode order = parse(command.path("payload").asText(null));
        if (order != null && "ORDER_PLACED".equals(order.path("type").asText())) {
            synchronized (this) {
                placedAt.putIfAbsent(order.path("orderId").asText(), timestamp);
            }
        }
    }

    void onMarketEvent(String value, long timestamp) {
        JsonNode e = parse(value);
        if (e == null || !"FILL".equals(e.path("type").asText())) {
            return;
        }
        synchronized (this) {
            Long placed = placedAt.remove(e.path("orderId").asText());
            if (placed != null) {
                long ms = Math.max(0, timestamp - placed);
                for (int i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
                    if (ms <= LATENCY_BUCKETS_MS[i]) {
                        latency.incrementAndGet(i);
                        break;
                    }
                }
            }
            Map<String, Object> trade = new LinkedHashMap<>();
            trade.put("at", timestamp);
            trade.put("hub", e.path("hub").asText());
            trade.put("model", e.path("model").asText());
            trade.put("devices", e.path("devices").asInt());
            trade.put("pricePerDeviceHour", e.path("pricePerDeviceHour").asLong());
            trade.put("currency", e.path("currency").asText());
            trade.put("hours", hours(e));
            trades.addFirst(trade);
            while (trades.size() > TICKER) {
                trades.removeLast();
            }
            fillTimes.addLast(System.currentTimeMillis());
        }
    }

    /** Records read since the start (the events per second the load benchmark reads from the page). */
    public long eventsIn() {
        return eventsIn.get();
    }

    /** The latest trades, fills in the last minute and the match-latency histogram, as of now. */
    public synchronized Map<String, Object> snapshot() {
        long now = System.currentTimeMillis();
        while (!fillTimes.isEmpty() && fillTimes.peekFirst() < now - 60_000) {
            fillTimes.removeFirst();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trades", new ArrayList<>(trades));
        out.put("fillsLastMinute", fillTimes.size());
        List<Map<String, Object>> histogram = new ArrayList<>();
        for (int i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
            histogram.add(Map.of(
                    "le",
                    LATENCY_BUCKETS_MS[i] == Long.MAX_VALUE ? "more" : String.valueOf(LATENCY_BUCKETS_MS[i]),
                    "count",
                    latency.get(i)));
        }
        out.put("matchLatency", histogram);
        return out;
    }

    private static long hours(JsonNode e) {
        try {
            return Duration.between(
                            Instant.parse(e.path("start").asText()),
                            Instant.parse(e.path("end").asText()))
                    .toHours();
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
