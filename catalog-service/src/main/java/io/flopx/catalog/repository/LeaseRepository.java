package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Lease;
import io.flopx.support.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeaseRepository implements PanacheRepositoryBase<Lease, UUID> {

    /**
     * The leases a tenant sold or delivers, by start, then id; after {@code after} (its start and id) when
     * given. A provider delivers its own leases and those of resale listings of them.
     */
    public Uni<List<Lease>> listByProvider(String tenant, Cursor after, int limit) {
        return after == null
                ? find("(providerTenant = ?1 or deliveredBy = ?1) order by startsAt, id", tenant)
                        .range(0, limit - 1)
                        .list()
                : find(
                                "(providerTenant = ?1 or deliveredBy = ?1) and (startsAt > ?2 or startsAt = ?2 and id > ?3) order by startsAt, id",
                                tenant,
                                after.at(),
                                after.id())
                        .range(0, limit - 1)
                        .list();
    }

    /** Everyone's leases, newest recorded first; after {@code after} (its recording time and id) when given. */
    public Uni<List<Lease>> listRecent(Cursor after, int limit) {
        return after == null
                ? find("order by recordedAt desc, id desc").range(0, limit - 1).list()
                : find(
                                "recordedAt < ?1 or recordedAt = ?1 and id < ?2 order by recordedAt desc, id desc",
                                after.at(),
                                after.id())
                        .range(0, limit - 1)
                        .list();
    }
}
