package io.flopx.localstack.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the stack's databases and topics directly, as an auditor would: for settling, lag and the checks. */
public final class StackProbe implements AutoCloseable {

    /** The consumer groups on the order path, whose lag the progress lines show. */
    static final List<String> GROUPS =
            List.of("matching-sequencer", "matching-engine", "order-service", "catalog-service", "settlement-service");

    private final String jdbcBase;
    private final String bootstrap;
    private final Admin admin;

    public StackProbe(int postgresPort, String bootstrap) {
        this.jdbcBase = "jdbc:postgresql://localhost:" + postgresPort + "/";
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
    }

    /** Plain JDBC to one of the stack's databases (the checker reads them; tests that tamper to prove a check fails). */
    public Connection database(String name) throws SQLException {
        return DriverManager.getConnection(jdbcBase + name, "postgres", "postgres");
    }

    public long count(String database, String sql) {
        try (Connection c = database(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Messages each group has yet to read, summed over partitions; -1 when the broker does not answer. */
    Map<String, Long> lag() {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (String group : GROUPS) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest =
                        committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                long sum = 0;
                for (var e : committed.entrySet()) {
                    sum += Math.max(
                            0,
                            ends.get(e.getKey()).offset()
                                    - (e.getValue() == null ? 0 : e.getValue().offset()));
                }
                lag.put(group, sum);
            } catch (Exception e) {
                lag.put(group, -1L);
            }
        }
        return lag;
    }

    String lagLine() {
        return "lag "
                + lag().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    /**
     * Waits until the exchange is quiet: no order still waiting for the matcher's verdict, both outboxes
     * published, no consumer lag on the order path. Returns how long it took, or null after {@code timeout}.
     */
    public Duration settle(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        int quietPolls = 0;
        while (System.nanoTime() - start < timeout.toNanos()) {
            boolean quiet = count("orders", "select count(*) from compute_order where status = 'ACCEPTED'") == 0
                    && count("orders", "select count(*) from outbox where published_at is null") == 0
                    && count("catalog", "select count(*) from outbox where published_at is null") == 0
                    && count("settlement", "select count(*) from outbox where published_at is null") == 0
                    && lag().values().stream().allMatch(l -> l == 0);
            quietPolls = quiet ? quietPolls + 1 : 0;
            if (quietPolls >= 2) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(500);
        }
        return null;
    }

    /** Every record of a topic, from the beginning to its end now. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
