package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.embedded.DemoUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace follows an order from the caller through the gateway, order-service and its outbox, Kafka,
 * the matcher's sequencer and market, to its fill: the caller's trace id is in the traceparent header
 * of the order's record on order-events, of its command on market-commands and of its fill on
 * market-events. An order naming one hub skips order-events and the sequencer (order-service appends it to
 * market-commands itself): its trace goes from the outbox to the market directly.
 */
@ExtendWith(SharedStack.class)
class TracePropagationTest {

    @Test
    void theCallersTraceReachesTheFillThroughKafka() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(50, ChronoUnit.DAYS);
        Gateway.listed(DemoUser.BOB, "Ulanqab DC-1", "inner-mongolia", "H20-96GB", 8, 611, from);

        // Through the sequencer: an order that allows two hubs is routed there.
        String traceId = newTraceId();
        String orderId = placeTraced(traceId, from, List.of("inner-mongolia", "gansu"));
        Map<String, String> traceOf = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> traceIds(orderId), found -> found.size() == 3);
        System.out.printf("%ntrace %s: %s%n", traceId, traceOf);
        assertEquals(Map.of("order-events", traceId, "market-commands", traceId, "market-events", traceId), traceOf);

        // Straight to its hub's market: an order naming one hub.
        String direct = newTraceId();
        String directId = placeTraced(direct, from, List.of("inner-mongolia"));
        Map<String, String> directTrace = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> traceIds(directId), found -> found.containsKey("market-events"));
        System.out.printf("trace %s: %s%n", direct, directTrace);
        assertEquals(Map.of("market-commands", direct, "market-events", direct), directTrace);
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String placeTraced(String traceId, Instant from, List<String> hubs) {
        return Gateway.as(DemoUser.DAVE)
                .header("traceparent", "00-" + traceId + "-" + "a1b2c3d4e5f60718" + "-01")
                .body(Map.of(
                        "kind",
                        "DEVICES",
                        "models",
                        List.of("H20-96GB"),
                        "devices",
                        2,
                        "durationHours",
                        1,
                        "earliestStart",
                        from.toString(),
                        "limitPrice",
                        700,
                        "currency",
                        "CNY",
                        "hubs",
                        hubs))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Per topic, the trace id in the traceparent header of the order's first record there (the fill on market-events). */
    private static Map<String, String> traceIds(String orderId) {
        Map<String, String> found = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedStack.stack().kafkaBootstrap()),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("order-events", "market-commands", "market-events")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    boolean ours = r.value() != null
                            && r.value().contains(orderId)
                            && (!r.topic().equals("market-events") || r.value().contains("\"type\":\"FILL\""));
                    Header header = r.headers().lastHeader("traceparent");
                    if (ours && header != null) {
                        found.putIfAbsent(r.topic(), new String(header.value(), StandardCharsets.UTF_8).split("-")[1]);
                    }
                }
            }
        }
        return found;
    }
}
