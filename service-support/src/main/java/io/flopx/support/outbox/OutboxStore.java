package io.flopx.support.outbox;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The outbox table, shared by every service that publishes events: an event is appended in the
 * transaction of the change it describes, and a relay publishes and marks it. Plain static queries, not
 * a bean, so that services without a database can depend on this module.
 */
public final class OutboxStore {

    private OutboxStore() {
    }

    /** Appends an event to the current transaction. */
    public static Uni<Void> append(String topic, String key, String payload, Instant at) {
        return Panache.getSession().chain(s -> s.persist(OutboxEntry.of(topic, key, payload, at)));
    }

    /**
     * The oldest unpublished entries, locked for this transaction. SKIP LOCKED lets several relays (or
     * replicas) run at once without publishing the same entry concurrently.
     */
    public static Uni<List<OutboxEntry>> lockUnpublished(int max) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select * from outbox where published_at is null order by id limit :max for update skip locked",
                OutboxEntry.class).setParameter("max", max).getResultList());
    }

    public static Uni<Integer> markPublished(List<Long> ids, Instant at) {
        return Panache.getSession().chain(s -> s.createMutationQuery(
                "update OutboxEntry set publishedAt = :at where id in :ids")
                .setParameter("at", at).setParameter("ids", ids).executeUpdate());
    }

    /** Deletes up to {@code max} of the entries published before {@code before}, oldest first; returns how many. */
    public static Uni<Integer> deletePublishedBefore(Instant before, int max) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                delete from outbox where id in (
                    select id from outbox where published_at < :before order by id limit :max)""")
                .setParameter("before", before).setParameter("max", max).executeUpdate());
    }

    public static Uni<Long> countUnpublished() {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "select count(e) from OutboxEntry e where e.publishedAt is null", Long.class).getSingleResult());
    }
}
