package io.flopx.order.repository;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.OrderFilter;
import io.flopx.support.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<ComputeOrder, UUID> {

    public Uni<ComputeOrder> findByIdempotencyKey(String tenant, String key) {
        return find("tenant = ?1 and idempotencyKey = ?2", tenant, key).firstResult();
    }

    /** Newest first; a null tenant means every tenant's (operators). */
    public Uni<List<ComputeOrder>> search(String tenant, OrderFilter q) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (tenant != null) {
            where.append(" and tenant = :tenant");
            params.put("tenant", tenant);
        }
        if (q.status() != null) {
            where.append(" and status = :status");
            params.put("status", q.status());
        }
        if (q.from() != null) {
            where.append(" and createdAt >= :from");
            params.put("from", q.from());
        }
        if (q.to() != null) {
            where.append(" and createdAt < :to");
            params.put("to", q.to());
        }
        if (q.model() != null) {
            // Models are stored comma-separated; match a whole id.
            where.append(" and concat(',', models, ',') like :model");
            params.put("model", "%," + q.model() + ",%");
        }
        if (q.precision() != null) {
            where.append(" and precision = :precision");
            params.put("precision", q.precision());
        }
        Cursor after = q.after();
        if (after != null) {
            where.append(" and (createdAt < :afterAt or createdAt = :afterAt and id < :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
            return find(where + " order by createdAt desc, id desc", params)
                    .range(0, q.size() - 1)
                    .list();
        }
        return find(where + " order by createdAt desc, id desc", params)
                .page(Page.of(q.page(), q.size()))
                .list();
    }
}
