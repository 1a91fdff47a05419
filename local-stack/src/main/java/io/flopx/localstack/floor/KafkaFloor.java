package io.flopx.localstack.floor;

import io.flopx.localstack.floor.FloorBenchmark.Result;
import io.flopx.localstack.floor.FloorBenchmark.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One Kafka hop as the exchange's order path makes it: a record of a fill's size keyed by one of eight hubs
 * (eight partitions), sent alone ({@code linger.ms=0}, acks=all), read by each of N consumer groups that
 * fetch as the services do ({@code fetch.max.wait.ms=1000}, answered as soon as a record waits). The broker is
 * the local stack's, in a process of its own with the same JVM options.
 */
final class KafkaFloor implements AutoCloseable {

    private static final int PORT = 19092;
    private static final String[] HUBS = {"a", "b", "c", "d", "e", "f", "g", "h"};
    /** About the size of a FILL event on market-events. */
    private static final String PAYLOAD = "{\"type\":\"FILL\",\"payload\":\"" + "x".repeat(560) + "\"}";

    private final Process broker;
    private final int lingerMs;
    private final int fetchWaitMs;

    private KafkaFloor(Process broker, int lingerMs, int fetchWaitMs) {
        this.broker = broker;
        this.lingerMs = lingerMs;
        this.fetchWaitMs = fetchWaitMs;
    }

    /**
     * @param lingerMs the producer's {@code linger.ms} (0: each record alone, as on the order path)
     * @param fetchWaitMs if above 0, a fetch waits this long for records to gather ({@code fetch.max.wait.ms},
     *     with a {@code fetch.min.bytes} no fetch reaches); 0: a fetch is answered as soon as a record waits
     */
    static KafkaFloor start(Path dir, int lingerMs, int fetchWaitMs) throws Exception {
        Process broker = FloorBenchmark.startChild(
                dir.resolve("broker.log"),
                "kafka broker ready",
                "-Xmx512m",
                "kafka-broker",
                dir.resolve("data-" + System.currentTimeMillis()).toString(),
                String.valueOf(PORT),
                String.valueOf(PORT + 1));
        return new KafkaFloor(broker, lingerMs, fetchWaitMs);
    }

    Result hop(Run run, int groups) throws Exception {
        String topic = "floor-" + groups + "-" + UUID.randomUUID();
        String bootstrap = "localhost:" + PORT;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, HUBS.length, (short) 1)))
                    .all()
                    .get();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong received = new AtomicLong();
        List<Thread> consumers = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            Properties c = new Properties();
            c.put("bootstrap.servers", bootstrap);
            c.put("group.id", topic + "-" + g);
            if (fetchWaitMs > 0) {
                c.put("fetch.max.wait.ms", String.valueOf(fetchWaitMs));
                c.put("fetch.min.bytes", String.valueOf(1024 * 1024));
            } else {
                c.put("fetch.max.wait.ms", "1000");
            }
            c.put("heartbeat.interval.ms", "3000");
            c.put("auto.offset.reset", "earliest");
            c.put("key.deserializer", StringDeserializer.class.getName());
            c.put("value.deserializer", StringDeserializer.class.getName());
            consumers.add(Thread.ofPlatform().name("floor-consumer-" + g).start(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
                    consumer.subscribe(List.of(topic));
                    while (!stop.get()) {
                        received.addAndGet(consumer.poll(Duration.ofSeconds(1)).count());
                    }
                }
            }));
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", String.valueOf(lingerMs));
        p.put("acks", "all");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        Result result;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            result = FloorBenchmark.measured(
                    "Kafka: a record to " + groups + (groups == 1 ? " consumer group" : " consumer groups")
                            + (lingerMs > 0 || fetchWaitMs > 0
                                    ? " (linger " + lingerMs + " ms, fetch wait " + fetchWaitMs + " ms)"
                                    : ""),
                    run,
                    broker.pid(),
                    n -> producer.send(new ProducerRecord<>(topic, HUBS[(int) (n % HUBS.length)], PAYLOAD)));
        } finally {
            stop.set(true);
            for (Thread consumer : consumers) {
                consumer.join();
            }
        }
        if (received.get() == 0) {
            throw new IllegalStateException("no consumer received anything on " + topic);
        }
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        broker.destroy();
        broker.waitFor();
    }
}
