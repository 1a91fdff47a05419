package io.flopx.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.catalog.domain.Offering;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OfferingRepository implements PanacheRepositoryBase<Offering, UUID> {

    public Uni<List<Offering>> listByTenant(String tenant, int limit) {
        return find("tenant = ?1 order by createdAt desc", tenant).range(0, limit - 1).list();
    }

    public Uni<List<Offering>> listRecent(int limit) {
        return find("order by createdAt desc").range(0, limit - 1).list();
    }
}
