package io.flopx.support.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.support.sql.SqlTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay against a real PostgreSQL, with a Kafka channel whose acknowledgements the test hands out
 * one by one, so that each race is made to happen in a chosen order rather than hoped for.
 */
class OutboxRelayTest {

    private static EmbeddedPostgresServer server;
    private static Vertx vertx;
    private static Pool pool;

    /** What the relay sent, in order, each with the acknowledgement the test completes. */
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private OutboxRelay relay;

    private record Sent(String payload, CompletableFuture<Void> ack) {}

    @BeforeAll
    static void database() {
        server = EmbeddedPostgresServer.start(null, 0);
        String database = "outbox_" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedPostgresServer.createDatabaseIfMissing(server, database);
        vertx = Vertx.vertx();
        pool = PgPool.pool(
                vertx,
                new PgConnectOptions()
                        .setHost(server.host())
                        .setPort(server.port())
                        .setDatabase(database)
                        .setUser(server.user())
                        .setPassword(server.password()),
                new PoolOptions().setMaxSize(4));
        // The services' outbox table (their migrations V2 and V3).
        pool.query("""
                create table outbox (id bigserial primary key, topic text not null, record_key text not null,
                    payload text not null, created_at timestamptz not null, published_at timestamptz, traceparent text)""").execute().await().indefinitely();
    }

    @AfterAll
    static void stop() {
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
        server.close();
    }

    /** Whatever a test left unacknowledged ends now, so no flush keeps its transaction (and row locks) open. */
    @AfterEach
    void acknowledgeTheRest() {
        sent.forEach(s -> s.ack().complete(null));
    }

    @BeforeEach
    void relay() {
        pool.query("delete from outbox").execute().await().indefinitely();
        relay = new OutboxRelay(pool, "events", channel(), new SimpleMeterRegistry()) {};
        relay.markDelay(Duration.ofMillis(10));
    }

    @Test
    void anEntryAFlushTookFirstIsNotSentAgainByPublish() {
        OutboxEntry placed = committed("placed");
        // The flush locks the entry in the instant between its commit and publish(), and sends it.
        Uni<Integer> flush = relay.flush().memoize().indefinitely();
        flush.subscribe().with(n -> {}, e -> {});
        await().until(() -> sent.size() == 1);

        relay.publish(placed);

        assertEquals(1, sent.size(), "publish() sent an entry a flush is sending");
        sent.get(0).ack().complete(null);
        assertEquals(1, flush.await().atMost(Duration.ofSeconds(10)));
        await().until(() -> publishedAt(placed.id) != null);
        assertEquals(1, sent.size());
    }

    @Test
    void anEntryPublishTookFirstIsLeftAloneByFlushes() {
        OutboxEntry placed = committed("placed");
        relay.publish(placed);
        assertEquals(1, sent.size());

        // Not acknowledged yet, so not marked: still unpublished in the table, and flushes must skip it.
        assertEquals(0, relay.flush().await().atMost(Duration.ofSeconds(10)));
        assertEquals(1, sent.size(), "a flush sent an entry publish() is sending");
        assertNull(publishedAt(placed.id));

        sent.get(0).ack().complete(null);
        await().until(() -> publishedAt(placed.id) != null);
        assertEquals(0, relay.flush().await().atMost(Duration.ofSeconds(10)));
        assertEquals(1, sent.size());
    }

    @Test
    void aFailedPublishIsLeftToTheNextFlush() {
        OutboxEntry placed = committed("placed");
        relay.publish(placed);
        sent.get(0).ack().completeExceptionally(new IllegalStateException("broker away"));

        // publish() wakes a flush, which sends it again.
        await().until(() -> sent.size() == 2);
        assertEquals("placed", sent.get(1).payload());
        sent.get(1).ack().complete(null);
        await().until(() -> publishedAt(placed.id) != null);
    }

    @Test
    void wakeUpsDuringAFlushCoalesceIntoOneMoreFlushAndNoneIsLost() {
        committed("first");
        relay.wake();
        await().until(() -> sent.size() == 1);

        // While the first flush waits for Kafka, an entry is committed and the relay woken ten times.
        OutboxEntry second = committed("second");
        for (int i = 0; i < 10; i++) {
            relay.wake();
        }
        assertEquals(1, sent.size(), "a wake-up started a flush while one was running");

        sent.get(0).ack().complete(null);
        await().until(() -> sent.size() == 2);
        assertEquals("second", sent.get(1).payload());
        sent.get(1).ack().complete(null);
        await().until(() -> publishedAt(second.id) != null);
        assertEquals(2, sent.size(), "the wake-ups made more than one more flush");
    }

    /** An entry as a service's transaction commits it, with its id. */
    private static OutboxEntry committed(String payload) {
        OutboxEntry entry = OutboxEntry.of("events", "key", payload, Instant.now());
        entry.id = pool.preparedQuery(
                        "insert into outbox (topic, record_key, payload, created_at) values ($1, $2, $3, $4) returning id")
                .execute(Tuple.of(entry.topic, entry.recordKey, entry.payload, SqlTime.utc(entry.createdAt)))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
        return entry;
    }

    private static Object publishedAt(long id) {
        return pool.preparedQuery("select published_at from outbox where id = $1")
                .execute(Tuple.of(id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getValue(0);
    }

    /** A Kafka channel that records what is sent and leaves each acknowledgement to the test. */
    @SuppressWarnings("unchecked")
    private MutinyEmitter<Record<String, String>> channel() {
        return (MutinyEmitter<Record<String, String>>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendMessage")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Record<String, String> record = (Record<String, String>) ((Message<?>) args[0]).getPayload();
                    CompletableFuture<Void> ack = new CompletableFuture<>();
                    sent.add(new Sent(record.value(), ack));
                    return Uni.createFrom().completionStage(ack);
                });
    }
}
