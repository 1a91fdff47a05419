package io.flopx.matching.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps market snapshots in the matcher's own compacted topic ({@code market-snapshots}), keyed by the
 * command partition they cover ("market-commands-3") and written to the snapshot partition of the same
 * number (modulo the count), so the newest snapshot of a command partition is the last record of its
 * snapshot partition and compaction keeps exactly it. Writes are asynchronous: a snapshot only saves
 * replay time, and any snapshot, old or new, rebuilds a correct market.
 */
@ApplicationScoped
public class SnapshotStore {

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class);

    private final String bootstrap;
    private final String topic;
    private final ObjectMapper json;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> reader;
    /** Writes snapshots one at a time, in the order they were taken, off the thread that applies commands. */
    private final ExecutorService writer =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "market-snapshot-writer"));

    public SnapshotStore(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "flopx.matching.snapshot.topic", defaultValue = "market-snapshots") String topic,
            ObjectMapper json) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.json = json;
    }

    /**
     * Writes a snapshot in the background (it is a copy: the markets go on meanwhile); a failure is logged,
     * never thrown.
     */
    public void save(MarketSnapshot snapshot) {
        writer.execute(() -> write(snapshot));
    }

    private synchronized void write(MarketSnapshot snapshot) {
        try {
            byte[] value = json.writeValueAsBytes(snapshot);
            KafkaProducer<String, byte[]> p = producer();
            int partitions = p.partitionsFor(topic).size();
            p.send(
                    new ProducerRecord<>(
                            topic,
                            snapshot.partition() % partitions,
                            key(snapshot.topic(), snapshot.partition()),
                            value),
                    (metadata, error) -> {
                        if (error != null) {
                            LOG.warnf(
                                    "snapshot of %s-%d at %d not kept (%d bytes): %s",
                                    snapshot.topic(),
                                    snapshot.partition(),
                                    snapshot.nextOffset(),
                                    value.length,
                                    error.getMessage());
                        } else {
                            LOG.debugf(
                                    "snapshot of %s-%d at %d kept: %d bytes",
                                    snapshot.topic(), snapshot.partition(), snapshot.nextOffset(), value.length);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("snapshot of %s-%d not taken: %s", snapshot.topic(), snapshot.partition(), e.getMessage());
        }
    }

    /**
     * The newest snapshot of a command partition, if one was kept. One reader for the instance's life:
     * opening and closing a consumer per read cost ~0.5 s, most of a partition's rebuild.
     */
    public synchronized Optional<MarketSnapshot> latest(String commandTopic, int partition) {
        String key = key(commandTopic, partition);
        try {
            KafkaConsumer<String, byte[]> consumer = reader();
            int partitions = consumer.partitionsFor(topic).size();
            if (partitions == 0) {
                return Optional.empty(); // no snapshot was ever written
            }
            TopicPartition tp = new TopicPartition(topic, partition % partitions);
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (end <= begin) {
                return Optional.empty();
            }
            // Usually the last record is ours; when partitions are shared (fewer snapshot partitions than
            // command partitions) read the partition through and keep our newest.
            Optional<MarketSnapshot> last = readFrom(consumer, tp, end - 1, end, key);
            return last.isPresent() ? last : readFrom(consumer, tp, begin, end, key);
        } catch (IOException e) {
            LOG.warnf(
                    "snapshot of %s-%d unreadable, replaying the log instead: %s",
                    commandTopic, partition, e.getMessage());
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        if (reader == null) {
            reader = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                            // After a read the consumer fetches ahead at the end, where the broker holds the fetch
                            // for fetch.max.wait.ms; the next partition's read waits for that fetch to return.
                            // The default 500 ms made every rebuild after the first take half a second.
                            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
        }
        return reader;
    }

    private Optional<MarketSnapshot> readFrom(
            KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long from, long end, String key)
            throws IOException {
        consumer.seek(tp, from);
        byte[] newest = null;
        while (consumer.position(tp) < end) {
            for (ConsumerRecord<String, byte[]> r :
                    consumer.poll(Duration.ofSeconds(1)).records(tp)) {
                if (key.equals(r.key())) {
                    newest = r.value(); // null: a tombstone, the snapshot was deleted
                }
            }
        }
        return newest == null ? Optional.empty() : Optional.of(json.readValue(newest, MarketSnapshot.class));
    }

    /** Waits until every snapshot handed over was written (at shutdown, in tests). */
    public void flush() {
        try {
            writer.submit(() -> {}).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("snapshots still being written: %s", e.toString());
        }
        synchronized (this) {
            if (producer != null) {
                producer.flush();
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.COMPRESSION_TYPE_CONFIG,
                            "zstd",
                            // A large book's snapshot is several MiB; the topic accepts up to its max.message.bytes.
                            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                            String.valueOf(32 * 1024 * 1024),
                            ProducerConfig.BUFFER_MEMORY_CONFIG,
                            String.valueOf(64 * 1024 * 1024)),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    private static String key(String commandTopic, int partition) {
        return commandTopic + "-" + partition;
    }

    @PreDestroy
    void close() {
        flush();
        writer.shutdown();
        synchronized (this) {
            if (reader != null) {
                reader.close();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
