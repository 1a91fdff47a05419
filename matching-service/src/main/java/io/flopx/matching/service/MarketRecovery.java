package io.flopx.matching.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds a partition's markets: from its newest snapshot, then the matcher's own command log from the
 * snapshot's offset up to the command about to be applied (from the log's start when there is no snapshot).
 */
@ApplicationScoped
public class MarketRecovery {

    private static final Logger LOG = Logger.getLogger(MarketRecovery.class);

    private final MarketService market;
    private final SnapshotStore snapshots;
    private final String bootstrap;
    private KafkaConsumer<String, String> reader;

    public MarketRecovery(
            MarketService market,
            SnapshotStore snapshots,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.market = market;
        this.snapshots = snapshots;
        this.bootstrap = bootstrap;
    }

    /**
     * How a partition was rebuilt: from the snapshot at {@code snapshotOffset} (-1: none), with
     * {@code replayed} commands of the log; its markets continue at {@code nextOffset}, which is beyond the
     * command about to be applied when the snapshot is newer than it (that command's effects were published
     * before the snapshot was taken).
     */
    public record Recovered(long snapshotOffset, int replayed, long nextOffset) {}

    /** Rebuilds the markets of the partition, for applying its command at {@code offset} next. */
    public Recovered recover(String topic, int partition, long offset) {
        return recover(market, topic, partition, offset);
    }

    /** The same into any market: a second, fresh one rebuilds the same book (compare their state hashes). */
    public Recovered recover(MarketService target, String topic, int partition, long offset) {
        target.forget(partition);
        Optional<MarketSnapshot> snapshot = snapshots.latest(topic, partition);
        long from = 0;
        if (snapshot.isPresent()) {
            target.restore(snapshot.get());
            from = snapshot.get().nextOffset();
        }
        long snapshotOffset = snapshot.isPresent() ? from : -1;
        if (from >= offset) {
            return new Recovered(snapshotOffset, 0, from);
        }
        return new Recovered(snapshotOffset, replay(target, topic, partition, from, offset), offset);
    }

    /** Applies commands [0, untilOffset) of the partition into {@code target} without publishing anything; returns how many. */
    public int replay(MarketService target, String topic, int partition, long untilOffset) {
        target.forget(partition);
        return replay(target, topic, partition, 0, untilOffset);
    }

    /** One reader of the log for the instance's life (a consumer opened and closed per replay cost ~0.5 s). */
    private synchronized int replay(MarketService target, String topic, int partition, long from, long untilOffset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        int applied = 0;
        KafkaConsumer<String, String> consumer = reader();
        consumer.assign(List.of(tp));
        long first = consumer.beginningOffsets(List.of(tp)).get(tp);
        if (first > from) {
            // Retention removed commands the snapshot does not cover: the markets go on without them.
            LOG.errorf("%s: commands [%d, %d) are no longer in the log and no snapshot covers them", tp, from, first);
        }
        consumer.seek(tp, Math.max(from, first));
        while (consumer.position(tp) < untilOffset) {
            for (ConsumerRecord<String, String> r :
                    consumer.poll(Duration.ofSeconds(1)).records(tp)) {
                if (r.offset() >= untilOffset) {
                    break;
                }
                target.apply(r.value(), partition, r.timestamp());
                applied++;
            }
        }
        return applied;
    }

    private KafkaConsumer<String, String> reader() {
        if (reader == null) {
            reader = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                            // As SnapshotStore's reader: the fetch ahead at the end of one replay must not hold
                            // the next partition's replay back for the default 500 ms.
                            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"),
                    new StringDeserializer(),
                    new StringDeserializer());
        }
        return reader;
    }

    @PreDestroy
    synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
