package io.flopx.matching.messaging;

import io.flopx.matching.service.MarketRecovery;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.service.Outcome;
import io.flopx.matching.service.SnapshotStore;
import io.flopx.matching.wire.MarketEvent;
import io.flopx.support.tracing.TraceContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the hub markets from {@code market-commands}, one command at a time, and publishes what they
 * decided (and forwards orders along their routes) before the command's offset is committed. A partition's
 * markets are rebuilt (from its newest snapshot, then its log; see MarketRecovery) when it is assigned here
 * (after a start, and when the partition comes from another instance), and whenever the command about to be
 * applied is not the one that follows the last applied here. What was published before a crash stays
 * published once; what was not is published now, with the same derived ids. A revoked partition's last book
 * changes are published before its markets are forgotten.
 *
 * <p>Snapshots are taken between batches, when everything applied has been published: every
 * {@code flopx.matching.snapshot.every-commands} commands or {@code flopx.matching.snapshot.every} of time
 * (if anything was applied), when a partition is revoked (the next owner replays nothing) and at shutdown.
 */
@ApplicationScoped
@Identifier("market-commands-rebalance")
public class MarketCommandProcessor implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(MarketCommandProcessor.class);

    private final MarketService market;
    private final MarketRecovery recovery;
    private final SnapshotStore snapshots;
    private final MarketEventPublisher publisher;
    private final CommandSequencer sequencer;
    private final MarketDataPublisher marketData;
    private final MatchingMetrics metrics;
    private final boolean snapshotting;
    private final long snapshotEveryCommands;
    private final long snapshotEveryMillis;
    /** Held while a batch is applied and published: a snapshot is taken only between batches. */
    private final ReentrantLock applying = new ReentrantLock();
    /** Per partition owned here: the offset that follows the last command applied, and what a snapshot needs. */
    private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();

    /** A partition this instance applies: where it is, and what was applied since its last snapshot. */
    private static final class Owned {
        final String topic;
        long nextOffset;
        long appliedSinceSnapshot;
        long lastSnapshotMillis = System.currentTimeMillis();

        Owned(String topic, long nextOffset) {
            this.topic = topic;
            this.nextOffset = nextOffset;
        }
    }

    public MarketCommandProcessor(
            MarketService market,
            MarketRecovery recovery,
            SnapshotStore snapshots,
            MarketEventPublisher publisher,
            CommandSequencer sequencer,
            MarketDataPublisher marketData,
            MatchingMetrics metrics,
            @ConfigProperty(name = "flopx.matching.snapshot.enabled", defaultValue = "true") boolean snapshotting,
            @ConfigProperty(name = "flopx.matching.snapshot.every-commands", defaultValue = "20000")
                    long snapshotEveryCommands,
            @ConfigProperty(name = "flopx.matching.snapshot.every", defaultValue = "300s") Duration snapshotEvery) {
        this.metrics = metrics;
        this.market = market;
        this.recovery = recovery;
        this.snapshots = snapshots;
        this.publisher = publisher;
        this.sequencer = sequencer;
        this.marketData = marketData;
        this.snapshotting = snapshotting;
        this.snapshotEveryCommands = snapshotEveryCommands;
        this.snapshotEveryMillis = snapshotEvery.toMillis();
    }

    /**
     * A batch (whatever one poll returned): each command is applied in order, then everything decided is
     * published and forwarded at once, and the batch is acknowledged when all of it was. Under load a
     * batch grows and costs one round of acknowledgements; when quiet it is one command.
     */
    @Incoming("market-commands")
    @Blocking
    public void process(ConsumerRecords<String, String> records) {
        applying.lock();
        try {
            applyAndPublish(records);
            snapshotDue(false);
        } catch (RuntimeException e) {
            // What was applied may not all be published: rebuild before applying anything more.
            records.partitions().forEach(p -> owned.remove(p.partition()));
            throw e;
        } finally {
            applying.unlock();
        }
    }

    private void applyAndPublish(ConsumerRecords<String, String> records) {
        List<Uni<Void>> sends = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        List<List<MarketEvent>> eventsPerCommand = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            int partition = record.partition();
            Owned here = owned.get(partition);
            if (here == null || record.offset() > here.nextOffset) {
                here = rebuild(record);
            }
            if (record.offset() < here.nextOffset) {
                continue; // applied and published before (by this instance or before the snapshot it restored)
            }
            Outcome outcome = market.apply(record.value(), partition, record.timestamp());
            timestamps.add(record.timestamp());
            eventsPerCommand.add(outcome.events());
            // Each command's events and forwards continue the trace of the command (its record's header).
            String traceparent = TraceContext.of(record.headers());
            sends.add(publisher.publish(outcome.events(), traceparent));
            sends.add(sequencer.appendAll(outcome.forwards(), traceparent));
            here.nextOffset = record.offset() + 1;
            here.appliedSinceSnapshot++;
        }
        // Subscribed in order, so each partition's events keep the order of the commands that decided them.
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(30));
        }
        for (int i = 0; i < timestamps.size(); i++) {
            metrics.applied(timestamps.get(i), eventsPerCommand.get(i));
        }
        if (!timestamps.isEmpty()) {
            marketData.changed();
        }
    }

    private Owned rebuild(ConsumerRecord<String, String> record) {
        return rebuild(record.topic(), record.partition(), record.offset());
    }

    /** Rebuilds the partition's markets for applying its command at {@code offset} next. */
    private Owned rebuild(String topic, int partition, long offset) {
        long started = System.nanoTime();
        MarketRecovery.Recovered r = recovery.recover(topic, partition, offset);
        metrics.replayed(r.replayed());
        LOG.infof(
                "markets of %s-%d rebuilt in %d ms from %s and %d commands; state %s",
                topic,
                partition,
                (System.nanoTime() - started) / 1_000_000,
                r.snapshotOffset() < 0 ? "no snapshot" : "the snapshot at " + r.snapshotOffset(),
                r.replayed(),
                market.stateHash());
        Owned here = new Owned(topic, r.nextOffset());
        // A long replay is worth a snapshot at the next chance, so the next rebuild is short.
        here.appliedSinceSnapshot = r.replayed();
        owned.put(partition, here);
        return here;
    }

    /** Between batches: snapshots of the partitions that applied enough, or long enough ago ({@code all}: any applied). */
    private void snapshotDue(boolean all) {
        if (!snapshotting) {
            return;
        }
        long now = System.currentTimeMillis();
        owned.forEach((partition, here) -> {
            if (here.appliedSinceSnapshot > 0
                    && (all
                            || here.appliedSinceSnapshot >= snapshotEveryCommands
                            || now - here.lastSnapshotMillis >= snapshotEveryMillis)) {
                snapshots.save(market.snapshot(here.topic, partition, here.nextOffset));
                metrics.snapshotTaken();
                here.appliedSinceSnapshot = 0;
                here.lastSnapshotMillis = now;
            }
        });
    }

    /** A quiet partition's last commands are snapshotted too, once its interval has passed. */
    @Scheduled(
            every = "${flopx.matching.snapshot.check:5s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void snapshotQuietPartitions() {
        if (applying.tryLock()) {
            try {
                snapshotDue(false);
            } finally {
                applying.unlock();
            }
        }
    }

    /** Before stopping: a snapshot of everything applied since the last one, so the next start replays little. */
    void onStop(@Observes ShutdownEvent stop) {
        snapshotAllBetweenBatches();
        snapshots.flush();
    }

    /**
     * A partition that comes here is rebuilt at once, up to where this consumer will read it from, rather than
     * at its first command: its books are published and its hubs claimed within a second (quotes reach them
     * here), though a quiet hub may see no command for minutes. Should this fail or wait too long, the first
     * command rebuilds it as before.
     */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            if (owned.containsKey(p.partition())) {
                continue;
            }
            try {
                long next = consumer.position(p, Duration.ofSeconds(10));
                betweenBatches(() -> rebuild(p.topic(), p.partition(), next));
            } catch (WakeupException | InterruptException e) {
                throw e; // the consumer is closing: poll() passes it on
            } catch (RuntimeException e) {
                LOG.warnf("markets of %s not rebuilt on assignment (they will be at its first command): %s", p, e);
            }
        }
        if (!partitions.isEmpty()) {
            marketData.changed();
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        betweenBatches(() -> {
            // The next owner starts from this state rather than replaying: taken between batches, so all of it
            // was published.
            snapshotDue(true);
            // And the books' last changes go out now, not at the next second: once forgotten here they would
            // wait for the next owner, which publishes a hub's book only after applying a command of its own
            // (in a quiet hub that may be minutes: a listing applied just before the move stayed unseen).
            publishMarketData();
        });
        forget(partitions);
    }

    /**
     * Lost, not revoked (this instance missed its session and was presumed gone): another instance owns them
     * already and may have gone on, so neither a snapshot nor market data from here, which could be older.
     */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            owned.remove(p.partition());
            market.forget(p.partition());
        }
    }

    private void publishMarketData() {
        try {
            marketData.publishChanges().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("market data of revoked partitions not published: %s", e.toString());
        }
    }

    private void snapshotAllBetweenBatches() {
        betweenBatches(() -> snapshotDue(true));
    }

    /**
     * Runs {@code work} when no batch is being applied (waiting up to 10 s for the one in progress); skipped, and
     * said so, if that batch takes longer.
     */
    private void betweenBatches(Runnable work) {
        try {
            if (applying.tryLock(10, TimeUnit.SECONDS)) {
                try {
                    work.run();
                } finally {
                    applying.unlock();
                }
            } else {
                LOG.warn(
                        "a batch applied for over 10 s: a snapshot, publication or rebuild between batches was skipped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
