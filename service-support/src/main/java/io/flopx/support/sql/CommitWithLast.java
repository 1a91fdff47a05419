package io.flopx.support.sql;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A transaction whose last statements travel to PostgreSQL together with its {@code COMMIT}, pipelined on one
 * connection: the locks those statements take are held only while PostgreSQL runs them and commits, never over a
 * round trip back to this service. {@code Pool.withTransaction} sends {@code COMMIT} only once the last answer
 * has come back and the work's continuation has run on a busy event loop; a row every writer of a tenant locks
 * (its buying power) was held that long by each batch, and under load the tenant's placements queued behind it
 * (docs/benchmarks.md, tenth session).
 *
 * <p>The work reads and locks what it must first, in as many round trips as it needs, then returns its
 * {@link Last last statements}, not sent yet (Mutiny's statements are lazy): each must be one statement, since a
 * chain would send its later statements after the commit. If a last statement fails in PostgreSQL, the
 * transaction is aborted and the {@code COMMIT} behind it rolls back; the failure is the statement's. If the
 * work fails before, the transaction is rolled back. Either way the connection goes back to the pool outside any
 * transaction. (A statement the client refuses before sending it, its parameters not matching, never reaches
 * PostgreSQL: the statements before it would commit. Such a mismatch fails on every call, so tests find it.)
 * Pipelining is what the client does with commands queued together; now and then (when the work runs on another
 * Vert.x context than the connection's, and the last answer comes in between two queued tasks) the commit
 * still goes after the answer: the order of statements never changes, only the saving is lost that once.
 */
public final class CommitWithLast {

    private CommitWithLast() {}

    /**
     * The statements that end a transaction, in order, each a Uni not subscribed yet; the transaction's result is
     * the first one's item.
     */
    public static final class Last<T> {
        private final Uni<T> result;
        private final List<Uni<?>> statements;

        private Last(Uni<T> result, List<Uni<?>> statements) {
            this.result = result;
            this.statements = statements;
        }

        /** Nothing left to write: the transaction commits and yields {@code value}. */
        public static <T> Last<T> value(T value) {
            return new Last<>(Uni.createFrom().item(value), List.of());
        }

        /** {@code first}, then {@code more}, sent in that order with the commit behind them; yields first's item. */
        public static <T> Last<T> of(Uni<T> first, Uni<?>... more) {
            return new Last<>(first, List.of(more));
        }

        /** These, then {@code more}. */
        public Last<T> then(Uni<?>... more) {
            List<Uni<?>> all = new ArrayList<>(statements);
            all.addAll(Arrays.asList(more));
            return new Last<>(result, all);
        }
    }

    /** Runs {@code work} in a transaction on a connection of {@code pool}; see the class comment. */
    public static <T> Uni<T> transaction(Pool pool, Function<SqlConnection, Uni<Last<T>>> work) {
        return pool.withConnection(c -> c.query("BEGIN")
                .execute()
                .chain(() -> work.apply(c))
                .onFailure()
                .call(() -> c.query("ROLLBACK").execute().onFailure().recoverWithNull())
                .chain(last -> commitWith(c, last)));
    }

    /**
     * Subscribes to each last statement and to {@code COMMIT} at once, so the client queues them back to back on
     * the connection, and completes when all were answered (never with a command still queued on a connection
     * the pool may hand out again).
     */
    @SuppressWarnings("unchecked")
    private static <T> Uni<T> commitWith(SqlConnection c, Last<T> last) {
        List<Uni<?>> all = new ArrayList<>();
        all.add(last.result);
        all.addAll(last.statements);
        all.add(c.query("COMMIT").execute());
        return Uni.join()
                .all((List<Uni<Object>>) (List<?>) all)
                .andCollectFailures()
                .onFailure(CompositeException.class)
                .transform(e -> ((CompositeException) e).getCauses().get(0))
                .map(items -> (T) items.get(0));
    }
}
