package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Offering;
import io.flopx.support.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class OfferingRepository implements PanacheRepositoryBase<Offering, UUID> {

    /** Newest first; after {@code after} (its creation time and id) when given; every tenant's when tenant is null. */
    public Uni<List<Offering>> listNewestFirst(String tenant, Cursor after, int limit) {
        String where = tenant == null ? "1 = 1" : "tenant = :tenant";
        Map<String, Object> params = new HashMap<>();
        if (tenant != null) {
            params.put("tenant", tenant);
        }
        if (after != null) {
            where += " and (createdAt < :afterAt or createdAt = :afterAt and id < :afterId)";
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        return find(where + " order by createdAt desc, id desc", params)
                .range(0, limit - 1)
                .list();
    }
}
