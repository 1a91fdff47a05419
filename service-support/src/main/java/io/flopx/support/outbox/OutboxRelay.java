package io.flopx.support.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.flopx.support.tracing.TraceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Publishes outbox entries to Kafka and marks them published, in one transaction per batch: if Kafka
 * does not acknowledge, nothing is marked and the next poll sends the batch again (at least once; every
 * consumer is idempotent). A service extends it as a bean that hands over its Kafka channel and
 * schedules {@link #poll()} as a safety net; the service wakes it after each commit for low latency.
 */
public abstract class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final Pool pool;
    /** Per topic the service publishes to, its Kafka channel. */
    private final Map<String, MutinyEmitter<Record<String, String>>> emitters;
    private final AtomicLong backlog = new AtomicLong();
    /** A wake-up flush is running; {@link #wakeAgain} asks it to look once more when it is done. */
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    /**
     * @param emitter the service's channel to {@code topic}, with a String value serializer
     * @param registry where the backlog is reported, as the gauge {@code flopx.outbox.backlog{topic}}
     */
    protected OutboxRelay(Pool pool, String topic, MutinyEmitter<Record<String, String>> emitter,
            MeterRegistry registry) {
        this(pool, Map.of(topic, emitter), registry);
    }

    /**
     * A relay for a service that publishes to several topics through one outbox.
     *
     * @param emitters per topic, the service's channel to it, with a String value serializer
     * @param registry where the backlog is reported, as the gauge {@code flopx.outbox.backlog{topic}} (the
     *                 topics' names joined by commas)
     */
    protected OutboxRelay(Pool pool, Map<String, MutinyEmitter<Record<String, String>>> emitters, MeterRegistry registry) {
        this.pool = pool;
        this.emitters = Map.copyOf(emitters);
        Gauge.builder("flopx.outbox.backlog", this, OutboxRelay::backlog)
                .tag("topic", String.join(",", new TreeSet<>(emitters.keySet())))
                .description("outbox entries not yet published to Kafka").register(registry);
    }

    /** Sends one entry, as a child of the trace it was written in; completes when Kafka acknowledged it. */
    private Uni<Void> send(OutboxEntry entry) {
        MutinyEmitter<Record<String, String>> emitter = emitters.get(entry.topic);
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for topic " + entry.topic));
        }
        return emitter.sendMessage(TraceContext.childOf(entry.traceparent,
                Message.of(Record.of(entry.recordKey, entry.payload))));
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

    /** For the service's scheduled poll: never fails, logs instead; then counts what is still waiting. */
    protected Uni<Void> poll() {
        return flush().onFailure().invoke(e -> LOG.warnf("outbox publish failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> OutboxStore.countUnpublished(pool))
                .invoke(backlog::set)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Deletes entries published longer than {@code keep} ago, at most {@code max} at a time, so the table stays
     * as small as its recent traffic: Kafka holds the events from then on. Never fails: logs instead.
     *
     * @return how many were deleted (0 after a failure)
     */
    protected Uni<Integer> purge(Duration keep, int max) {
        return OutboxStore.deletePublishedBefore(pool, Instant.now().minus(keep), max).onFailure().invoke(e -> LOG.warnf("outbox purge failed, will retry: %s", e.toString()))
                .onFailure().recoverWithItem(0);
    }

    /** Entries not yet published, as of the last poll: the metric {@code flopx.outbox.backlog}. */
    public long backlog() {
        return backlog.get();
    }

    /** @return how many entries were published */
    public Uni<Integer> flush() {
        return pool.withTransaction(c -> OutboxStore.lockUnpublished(c, BATCH).chain(entries -> publish(c, entries)));
    }

    private Uni<Integer> publish(SqlClient c, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Sent together, acknowledged together: the idempotent producer keeps their order per partition.
        List<Uni<Void>> sends = entries.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast()
                .chain(() -> OutboxStore.markPublished(c, entries.stream().map(e -> e.id).toList(), Instant.now()))
                .replaceWith(entries.size());
    }
}
