package io.flopx.support.outbox;

import io.flopx.support.sql.SqlTime;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox table, shared by every service that publishes events: an event is appended in the
 * transaction of the change it describes, and a relay publishes and marks it. Plain static queries, not
 * a bean, so that services without a database can depend on this module. The relay's statements run on
 * the reactive PostgreSQL client (one statement each, whatever the batch's size); changes made through
 * Hibernate append through their session.
 */
public final class OutboxStore {

    private OutboxStore() {}

    /** Appends an event to the current Hibernate transaction. */
    public static Uni<Void> append(String topic, String key, String payload, Instant at) {
        return append(OutboxEntry.of(topic, key, payload, at));
    }

    /** Appends an entry made beforehand (see OutboxEntry.of) to the current Hibernate transaction. */
    public static Uni<Void> append(OutboxEntry entry) {
        return Panache.getSession().chain(s -> s.persist(entry));
    }

    /**
     * The oldest unpublished entries but {@code skipped} (being published another way), locked for this
     * transaction. SKIP LOCKED lets several relays (or replicas) run at once without publishing the same
     * entry concurrently.
     */
    public static Uni<List<OutboxEntry>> lockUnpublished(SqlClient c, int max, Long[] skipped) {
        return c.preparedQuery(
                        "select id, topic, record_key, payload, traceparent from outbox where published_at is null "
                                + "and id <> all($2) order by id limit $1 for update skip locked")
                .execute(Tuple.of(max, skipped))
                .map(rows -> {
                    List<OutboxEntry> entries = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        OutboxEntry e = new OutboxEntry();
                        e.id = r.getLong("id");
                        e.topic = r.getString("topic");
                        e.recordKey = r.getString("record_key");
                        e.payload = r.getString("payload");
                        e.traceparent = r.getString("traceparent");
                        entries.add(e);
                    }
                    return entries;
                });
    }

    public static Uni<Integer> markPublished(SqlClient c, List<Long> ids, Instant at) {
        return c.preparedQuery("update outbox set published_at = $1 where id = any($2)")
                .execute(Tuple.of(SqlTime.utc(at), ids.toArray(Long[]::new)))
                .map(rows -> rows.rowCount());
    }

    /** Deletes up to {@code max} of the entries published before {@code before}, oldest first; returns how many. */
    public static Uni<Integer> deletePublishedBefore(Pool pool, Instant before, int max) {
        return pool.preparedQuery("""
                delete from outbox where id in (
                    select id from outbox where published_at < $1 order by id limit $2)""")
                .execute(Tuple.of(SqlTime.utc(before), max))
                .map(rows -> rows.rowCount());
    }

    public static Uni<Long> countUnpublished(Pool pool) {
        return pool.query("select count(*) from outbox where published_at is null")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
