package io.flopx.support.outbox;

import io.flopx.support.tracing.TraceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox entries to Kafka and marks them published. Two ways in:
 * <ul>
 * <li>{@link #wake()} after a commit: one transaction per batch locks what is unpublished, sends it and
 * marks it; if Kafka does not acknowledge, nothing is marked and the next poll sends the batch again.
 * <li>{@link #publish(OutboxEntry)} for the hottest path, an entry its caller has just committed and holds in
 * memory: sent at once, without reading it back or holding a transaction open while Kafka acknowledges;
 * what Kafka acknowledged is marked in one statement per batch a few milliseconds later. Until it is
 * marked, this relay's flushes leave it alone (so it is not sent twice). If the send fails, or the
 * service stops before the mark, the entry is simply still unpublished and a later flush sends it.
 * </ul>
 * A flush can lock an entry in the instant between its commit and {@code publish}: each entry is sent by
 * whichever of the two claims it first (see {@link #claims}), never by both.
 * Either way at least once: every consumer is idempotent. A service extends it as a bean that hands over
 * its Kafka channels; {@link OutboxSchedule} polls it every second as a safety net and purges what Kafka has.
 */
public abstract class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /**
     * How long acknowledged entries wait by default to be marked together: at 100 events/s, one statement
     * per ten events instead of a transaction of four round trips per event. Nothing waits for the mark; a
     * crash before it only means the entries are sent again.
     */
    public static final Duration MARK_DELAY = Duration.ofMillis(100);

    private final Pool pool;
    /** Per topic the service publishes to, its Kafka channel. */
    private final Map<String, MutinyEmitter<Record<String, String>>> emitters;

    private final AtomicLong backlog = new AtomicLong();
    /** A wake-up flush is running; {@link #wakeAgain} asks it to look once more when it is done. */
    private final AtomicBoolean flushing = new AtomicBoolean();

    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    /** Who sends an entry: {@link #publish} until it is marked, or a flush, for a while after it sent it. */
    private enum Claim {
        PUBLISH,
        FLUSH
    }

    /**
     * Entries being sent, by whom: {@link #publish} and flushes claim each entry atomically, and the loser
     * leaves it alone. A flush keeps its claims for {@link #FLUSH_CLAIM_KEPT} after its commit, so that a
     * {@code publish} held up behind it still finds the entry taken.
     */
    private final Map<Long, Claim> claims = new ConcurrentHashMap<>();

    private static final Duration FLUSH_CLAIM_KEPT = Duration.ofSeconds(5);
    /** Acknowledged by Kafka, waiting for {@link #markAcknowledged}. */
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean marking = new AtomicBoolean();
    /** {@code flopx.outbox.mark-delay}, 100 ms unless set (tests widen it so that flushes race the hand-over). */
    private Duration markDelay = ConfigProvider.getConfig()
            .getOptionalValue("flopx.outbox.mark-delay", Duration.class)
            .orElse(MARK_DELAY);

    /**
     * @param emitter the service's channel to {@code topic}, with a String value serializer
     * @param registry where the backlog is reported, as the gauge {@code flopx.outbox.backlog{topic}}
     */
    protected OutboxRelay(
            Pool pool, String topic, MutinyEmitter<Record<String, String>> emitter, MeterRegistry registry) {
        this(pool, Map.of(topic, emitter), registry);
    }

    /**
     * A relay for a service that publishes to several topics through one outbox.
     *
     * @param emitters per topic, the service's channel to it, with a String value serializer (one channel may
     *                 serve several topics: each record names its entry's topic)
     * @param registry where the backlog is reported, as the gauge {@code flopx.outbox.backlog{topic}} (the
     *                 topics' names joined by commas)
     */
    protected OutboxRelay(
            Pool pool, Map<String, MutinyEmitter<Record<String, String>>> emitters, MeterRegistry registry) {
        this.pool = pool;
        this.emitters = Map.copyOf(emitters);
        Gauge.builder("flopx.outbox.backlog", this, OutboxRelay::backlog)
                .tag("topic", String.join(",", new TreeSet<>(emitters.keySet())))
                .description("outbox entries not yet published to Kafka")
                .register(registry);
    }

    /** How long acknowledged entries wait to be marked together (tests make it long, to widen the window). */
    protected void markDelay(Duration delay) {
        this.markDelay = delay;
    }

    /** Sends one entry, as a child of the trace it was written in; completes when Kafka acknowledged it. */
    private Uni<Void> send(OutboxEntry entry) {
        MutinyEmitter<Record<String, String>> emitter = emitters.get(entry.topic);
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for topic " + entry.topic));
        }
        // The entry's topic, named on the record: one channel (one producer) may serve several topics.
        Message<Record<String, String>> record = Message.of(Record.of(entry.recordKey, entry.payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(entry.topic)
                        .build());
        return emitter.sendMessage(TraceContext.childOf(entry.traceparent, record));
    }

    /**
     * Sends an entry that its caller has just committed (with its id), now, and marks it published once
     * Kafka acknowledged it. Never fails: a failed send leaves the entry to the next flush.
     */
    public void publish(OutboxEntry committed) {
        if (claims.putIfAbsent(committed.id, Claim.PUBLISH) != null) {
            return; // a flush locked it in the instant after its commit, and sends it
        }
        send(committed)
                .subscribe()
                .with(
                        ok -> {
                            acknowledged.add(committed.id);
                            markSoon();
                        },
                        failure -> {
                            LOG.debugf("outbox entry %d left to the next flush: %s", committed.id, failure.toString());
                            claims.remove(committed.id, Claim.PUBLISH);
                            wake();
                        });
    }

    private void markSoon() {
        if (marking.compareAndSet(false, true)) {
            Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(markDelay)
                    .chain(this::markAcknowledged)
                    .subscribe()
                    .with(ids -> afterMark(ids, null), failure -> afterMark(List.of(), failure));
        }
    }

    private Uni<List<Long>> markAcknowledged() {
        List<Long> ids = new ArrayList<>();
        for (Long id; (id = acknowledged.poll()) != null; ) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        // One statement, no transaction block: nothing else has to commit with it.
        return OutboxStore.markPublished(pool, ids, Instant.now())
                .replaceWith(ids)
                .onFailure()
                .invoke(e -> release(ids, Claim.PUBLISH)); // left to the next flush: sent again
    }

    private void afterMark(List<Long> marked, Throwable failure) {
        if (failure != null) {
            LOG.debugf("marking published entries deferred to the next flush: %s", failure.toString());
        }
        release(marked, Claim.PUBLISH);
        marking.set(false);
        if (!acknowledged.isEmpty()) {
            markSoon();
        }
    }

    /**
     * Publishes what is pending now. Wake-ups coalesce: while a flush runs, further wake-ups make it look once more when it ends, instead
     * of each starting a transaction of its own (under load that queued hundreds of flushes for the pool's
     * connections and held events back for seconds; one flush takes up to 200 entries at once).
     */
    public void wake() {
        wakeAgain.set(true);
        if (flushing.compareAndSet(false, true)) {
            flushWhileWoken();
        }
    }

    private void flushWhileWoken() {
        wakeAgain.set(false);
        flush().subscribe().with(sent -> afterWakeFlush(true), failure -> {
            LOG.debugf("outbox publish deferred to the next poll: %s", failure.toString());
            afterWakeFlush(false);
        });
    }

    private void afterWakeFlush(boolean succeeded) {
        if (succeeded && wakeAgain.get()) {
            flushWhileWoken();
            return;
        }
        flushing.set(false);
        // A wake-up that came between the check above and the reset must not be lost.
        if (succeeded && wakeAgain.get() && flushing.compareAndSet(false, true)) {
            flushWhileWoken();
        }
    }

    /**
     * For the service's scheduled poll: counts what is waiting, and publishes it unless it is all on its way
     * already. Never fails: logs instead.
     */
    protected Uni<Void> poll() {
        // Counting first costs an idle service one statement a second instead of a transaction of three.
        return OutboxStore.countUnpublished(pool)
                .invoke(backlog::set)
                .chain(waiting -> waiting <= publishing()
                        ? Uni.createFrom().voidItem()
                        : flush().onFailure()
                                .invoke(e -> LOG.warnf("outbox publish failed, will retry: %s", e.toString()))
                                .onFailure()
                                .recoverWithNull()
                                .chain(() -> OutboxStore.countUnpublished(pool))
                                .invoke(backlog::set)
                                .replaceWithVoid())
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Deletes entries published longer than {@code keep} ago, at most {@code max} at a time, so the table stays
     * as small as its recent traffic: Kafka holds the events from then on. Never fails: logs instead.
     *
     * @return how many were deleted (0 after a failure)
     */
    protected Uni<Integer> purge(Duration keep, int max) {
        return OutboxStore.deletePublishedBefore(pool, Instant.now().minus(keep), max)
                .onFailure()
                .invoke(e -> LOG.warnf("outbox purge failed, will retry: %s", e.toString()))
                .onFailure()
                .recoverWithItem(0);
    }

    /** Entries not yet published, as of the last poll: the metric {@code flopx.outbox.backlog}. */
    public long backlog() {
        return backlog.get();
    }

    /** @return how many entries were published */
    public Uni<Integer> flush() {
        List<Long> claimed = new ArrayList<>();
        return pool.withTransaction(c -> OutboxStore.lockUnpublished(c, BATCH, publishingIds())
                        .chain(entries -> publish(
                                c,
                                entries.stream()
                                        .filter(e -> claim(e.id, claimed))
                                        .toList())))
                .onItemOrFailure()
                .invoke((sent, failure) -> {
                    if (failure != null) {
                        release(claimed, Claim.FLUSH); // nothing marked: the next flush sends them again
                    } else if (!claimed.isEmpty()) {
                        Uni.createFrom()
                                .voidItem()
                                .onItem()
                                .delayIt()
                                .by(FLUSH_CLAIM_KEPT)
                                .subscribe()
                                .with(x -> release(claimed, Claim.FLUSH));
                    }
                });
    }

    private boolean claim(Long id, List<Long> claimed) {
        if (claims.putIfAbsent(id, Claim.FLUSH) != null) {
            return false;
        }
        claimed.add(id);
        return true;
    }

    private void release(List<Long> ids, Claim by) {
        ids.forEach(id -> claims.remove(id, by));
    }

    /** How many entries publish() has on their way: when they are all that waits, a poll has nothing to do. */
    private long publishing() {
        return claims.values().stream().filter(Claim.PUBLISH::equals).count();
    }

    private Long[] publishingIds() {
        return claims.entrySet().stream()
                .filter(e -> e.getValue() == Claim.PUBLISH)
                .map(Map.Entry::getKey)
                .toArray(Long[]::new);
    }

    private Uni<Integer> publish(SqlClient c, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Sent together, acknowledged together: the idempotent producer keeps their order per partition.
        List<Uni<Void>> sends = entries.stream().map(this::send).toList();
        return Uni.join()
                .all(sends)
                .andFailFast()
                .chain(() -> OutboxStore.markPublished(
                        c, entries.stream().map(e -> e.id).toList(), Instant.now()))
                .replaceWith(entries.size());
    }
}
