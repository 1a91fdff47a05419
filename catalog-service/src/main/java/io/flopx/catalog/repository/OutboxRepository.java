package io.flopx.catalog.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.catalog.domain.OutboxEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, Long> {

    /**
     * The oldest unpublished entries, locked for this transaction. SKIP LOCKED lets several relays (or
     * replicas) run at once without publishing the same entry concurrently.
     */
    public Uni<List<OutboxEntry>> lockUnpublished(int max) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select * from outbox where published_at is null order by id limit :max for update skip locked",
                OutboxEntry.class).setParameter("max", max).getResultList());
    }

    public Uni<Long> countUnpublished() {
        return count("publishedAt is null");
    }

    public Uni<Integer> markPublished(List<Long> ids, Instant at) {
        return update("publishedAt = ?1 where id in ?2", at, ids);
    }
}
