package io.flopx.support.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.support.sql.CommitWithLast.Last;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real PostgreSQL: the last statements and the commit travel together (the commit lands while this
 * side's event loop is still busy with the last answer), a failing last statement takes the whole transaction
 * with it, and the connection always returns to the pool outside a transaction (a pool of one connection).
 */
class CommitWithLastTest {

    private static EmbeddedPostgresServer server;
    private static Vertx vertx;
    private static Vertx otherVertx;
    private static Pool pool;
    /** Another client, on event loops of its own, that looks at what is committed. */
    private static Pool observer;

    @BeforeAll
    static void database() {
        server = EmbeddedPostgresServer.start(null, 0);
        String database = "commit_" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedPostgresServer.createDatabaseIfMissing(server, database);
        PgConnectOptions options = new PgConnectOptions()
                .setHost(server.host())
                .setPort(server.port())
                .setDatabase(database)
                .setUser(server.user())
                .setPassword(server.password())
                .setCachePreparedStatements(true);
        vertx = Vertx.vertx();
        otherVertx = Vertx.vertx();
        pool = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(1));
        observer = PgPool.pool(otherVertx, options, new PoolOptions().setMaxSize(1));
        pool.query("create table account (id int primary key, balance bigint not null check (balance >= 0))")
                .execute()
                .await()
                .indefinitely();
        pool.query("create table entry (id int primary key, account int not null)")
                .execute()
                .await()
                .indefinitely();
    }

    @AfterAll
    static void stop() {
        pool.close().await().indefinitely();
        observer.close().await().indefinitely();
        vertx.close().await().indefinitely();
        otherVertx.close().await().indefinitely();
        server.close();
    }

    @BeforeEach
    void accounts() {
        pool.query("delete from entry").execute().await().indefinitely();
        pool.query("delete from account").execute().await().indefinitely();
        pool.query("insert into account values (1, 100)").execute().await().indefinitely();
    }

    @Test
    void theCommitIsSentWithTheLastStatementNotAfterItsAnswer() throws Exception {
        // A commit that waits for the answer can never land while the answer is being handled; a pipelined one
        // does, unless the client happened to handle the answer on the thread that was about to write the commit
        // (the caller's Vert.x context differs from the connection's): so a few tries, one must show it.
        boolean committedWhileBusy = false;
        for (int attempt = 0; attempt < 3 && !committedWhileBusy; attempt++) {
            pool.query("update account set balance = 100 where id = 1")
                    .execute()
                    .await()
                    .indefinitely();
            committedWhileBusy = commitLandsWhileTheLastAnswerIsHandled();
        }
        assertTrue(committedWhileBusy, "the commit waited for the last statement's answer, three times");
    }

    private static boolean commitLandsWhileTheLastAnswerIsHandled() throws Exception {
        CountDownLatch seenCommitted = new CountDownLatch(1);
        Uni<Long> transaction = CommitWithLast.transaction(
                pool,
                c -> c.preparedQuery("select balance from account where id = $1 for update")
                        .execute(Tuple.of(1))
                        .map(rows -> Last.of(c.preparedQuery(
                                        "update account set balance = balance - 10 where id = 1 returning balance")
                                .execute()
                                .map(r -> r.iterator().next().getLong(0))
                                // On an event loop of this client, with the update's answer: until the other client
                                // sees the update committed, nothing more is done there. Only a commit already on
                                // its way can land meanwhile.
                                .invoke(() -> await(seenCommitted)))));
        var result = transaction.subscribeAsCompletionStage();

        boolean committedWhileBusy = false;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!committedWhileBusy && System.nanoTime() < until) {
            committedWhileBusy = balance() == 90;
            Thread.sleep(20);
        }
        seenCommitted.countDown();
        assertEquals(90L, result.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return committedWhileBusy;
    }

    @Test
    void aFailingLastStatementRollsBackEverythingAndTheConnectionIsCleanAfter() {
        PgException failure = assertThrows(
                PgException.class,
                () -> CommitWithLast.transaction(
                                pool,
                                c -> c.preparedQuery("insert into entry values (1, 1)")
                                        .execute()
                                        .map(rows -> Last.of(
                                                c.preparedQuery(
                                                                "update account set balance = balance - 500 where id = 1")
                                                        .execute(),
                                                c.preparedQuery("insert into entry values (2, 1)")
                                                        .execute())))
                        .await()
                        .atMost(Duration.ofSeconds(10)));

        assertEquals("23514", failure.getSqlState(), "the check's violation, not what followed it");
        assertEquals(100, balance());
        assertEquals(0, entries(), "the work's own insert was rolled back too");
        // The pool's only connection is outside any transaction: the next one commits on its own.
        assertNextTransactionCommitsAlone(3);
    }

    @Test
    void aFailureBeforeTheLastStatementsRollsBack() {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> CommitWithLast.<Void>transaction(
                                pool,
                                c -> c.preparedQuery("insert into entry values (1, 1)")
                                        .execute()
                                        .map(rows -> {
                                            throw new IllegalStateException("decided against it");
                                        }))
                        .await()
                        .atMost(Duration.ofSeconds(10)));

        assertEquals("decided against it", failure.getMessage());
        assertEquals(0, entries());
        // Had the work's insert been left open on the pool's only connection, this commit would commit it too.
        assertNextTransactionCommitsAlone(2);
    }

    @Test
    void theResultIsTheFirstLastStatementsOrTheValueGiven() {
        assertEquals(
                70L,
                CommitWithLast.transaction(
                                pool,
                                c -> Uni.createFrom()
                                        .item(Last.of(c.preparedQuery(
                                                                "update account set balance = balance - 30 where id = 1 returning balance")
                                                        .execute()
                                                        .map(r -> r.iterator()
                                                                .next()
                                                                .getLong(0)))
                                                .then(c.preparedQuery("insert into entry values (1, 1)")
                                                        .execute())))
                        .await()
                        .atMost(Duration.ofSeconds(10)));
        assertEquals(1, entries());
        assertEquals(
                null,
                CommitWithLast.transaction(pool, c -> Uni.createFrom().item(Last.<String>value(null)))
                        .await()
                        .atMost(Duration.ofSeconds(10)));
    }

    /** A transaction that inserts entry {@code id} commits it, and nothing left over from before: one entry in all. */
    private static void assertNextTransactionCommitsAlone(int id) {
        CommitWithLast.transaction(
                        pool,
                        c -> Uni.createFrom()
                                .item(Last.of(c.preparedQuery("insert into entry values ($1, 1)")
                                        .execute(Tuple.of(id)))))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(1, entries());
    }

    private static long balance() {
        return observed("select balance from account where id = 1");
    }

    private static long entries() {
        return observed("select count(*) from entry");
    }

    /** The one number {@code sql} reads, as the other client sees what is committed. */
    private static long observed(String sql) {
        return observer.query(sql)
                .execute()
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
