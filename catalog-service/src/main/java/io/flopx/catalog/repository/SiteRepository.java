package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Site;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    public Uni<List<Site>> listByTenant(String tenant) {
        return list("tenant = ?1 order by name", tenant);
    }
}
