package io.flopx.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.catalog.domain.Lease;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LeaseRepository implements PanacheRepositoryBase<Lease, UUID> {

    public Uni<List<Lease>> listByProvider(String tenant, int limit) {
        return find("providerTenant = ?1 order by startsAt", tenant).range(0, limit - 1).list();
    }

    public Uni<List<Lease>> listRecent(int limit) {
        return find("order by recordedAt desc").range(0, limit - 1).list();
    }
}
