package io.flopx.matching.bench;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Order event in, fill event out, through the real broker and the running matcher: the time from sending
 * an order on {@code order-events} to receiving its fill on {@code market-events}, both measured by this
 * client, orders sent open-loop at a fixed rate (a slow fill does not delay the next order). The path is
 * order-events, the sequencer, market-commands, the hub's market, market-events: two consumer hops and
 * two acknowledged (acks=all) produces. Prints percentiles; asserts nothing about time.
 * {@code ./mvnw -pl matching-service verify -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class KafkaLatencyBenchmark {

    static final int OFFERINGS = 400;
    static final int WARM_UP = Integer.getInteger("flopx.bench.warm-up", 300);
    static final int MEASURED = Integer.getInteger("flopx.bench.orders", 2_000);
    static final int ORDERS_PER_SECOND = Integer.getInteger("flopx.bench.rate", 200);
    static final String[] HUBS = {
        "jing-jin-ji",
        "yangtze-delta",
        "greater-bay",
        "chengdu-chongqing",
        "inner-mongolia",
        "guizhou",
        "gansu",
        "ningxia"
    };

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void orderInFillOut() throws Exception {
        String model = "BENCH-" + UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread listener = Thread.ofPlatform().start(() -> listen(received, running));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG,
                        "0",
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < OFFERINGS; i++) {
                UUID id = UUID.randomUUID();
                producer.send(new ProducerRecord<>("offering-events", id.toString(), """
                        {"eventId":"%s","type":"OFFERING_LISTED","offeringId":"%s","version":0,"tenant":"p","model":"%s",
                         "hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"ROCE","tdpWatts":700,
                         "peakGflops":{"FP16":989400},"devices":64,"availableFrom":"%s","availableUntil":"%s",
                         "pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                                UUID.randomUUID(),
                                id,
                                model,
                                HUBS[i % HUBS.length],
                                id,
                                from,
                                from.plus(168, ChronoUnit.HOURS),
                                1000 + i)));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> given().auth()
                                    .oauth2(TestTokens.of(DemoUser.OLIVIA))
                                    .get("/market/depth?model=" + model)
                                    .then()
                                    .extract()
                                    .path("offerings.sum()"),
                            n -> n != null && ((Number) n).intValue() == OFFERINGS);

            Map<String, Long> sent = new ConcurrentHashMap<>();
            long intervalNanos = 1_000_000_000L / ORDERS_PER_SECOND;
            long next = System.nanoTime();
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += intervalNanos;
                UUID orderId = UUID.randomUUID();
                String hub = HUBS[i % HUBS.length];
                Instant start = from.plus(i % 160, ChronoUnit.HOURS);
                String order = """
                        {"eventId":"%s","type":"ORDER_PLACED","orderId":"%s","version":0,"tenant":"e","kind":"DEVICES",
                         "models":["%s"],"devices":1,"durationHours":1,"earliestStart":"%s","latestStart":"%s",
                         "limitPrice":5000,"currency":"CNY","allowedHubs":["%s"],"sameSite":false,
                         "fillPolicy":"ALL_OR_NONE","timeInForce":"IMMEDIATE_OR_CANCEL","remainingQuantity":1}""".formatted(UUID.randomUUID(), orderId, model, start, start, hub);
                if (i >= WARM_UP) {
                    sent.put(orderId.toString(), System.nanoTime());
                }
                producer.send(new ProducerRecord<>("order-events", orderId.toString(), order));
            }
            producer.flush();
            long sentAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        long got = sent.keySet().stream()
                                .filter(received::containsKey)
                                .count();
                        System.out.printf(
                                "fills received %d of %d, %d s after the last order%n",
                                got, sent.size(), (System.nanoTime() - sentAt) / 1_000_000_000L);
                        return got == sent.size();
                    });
            long[] micros = sent.entrySet().stream()
                    .mapToLong(e -> (received.get(e.getKey()) - e.getValue()) / 1_000)
                    .sorted()
                    .toArray();
            System.out.printf(
                    "%nKafka order in -> fill out (%d orders at %d/s, %d offerings, 8 hubs):%n",
                    micros.length, ORDERS_PER_SECOND, OFFERINGS);
            System.out.printf(
                    "  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n%n",
                    pct(micros, 50),
                    pct(micros, 90),
                    pct(micros, 99),
                    pct(micros, 99.9),
                    micros[micros.length - 1] / 1000.0);
        } finally {
            running.set(false);
            listener.join();
        }
    }

    private void listen(Map<String, Long> received, AtomicBoolean running) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            // On a fresh broker the topic appears with the first events: wait for its partitions.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !consumer.partitionsFor("market-events").isEmpty());
            consumer.partitionsFor("market-events")
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    int at = r.value().indexOf("\"orderId\":\"");
                    if (at >= 0 && r.value().contains("\"type\":\"FILL\"")) {
                        received.putIfAbsent(r.value().substring(at + 11, at + 47), now);
                    }
                }
            }
        }
    }

    private static double pct(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }
}
