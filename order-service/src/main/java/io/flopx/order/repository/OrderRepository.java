package io.flopx.order.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.order.domain.ComputeOrder;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<ComputeOrder, UUID> {

    public Uni<List<ComputeOrder>> listByTenant(String tenant, int limit) {
        return find("tenant = ?1 order by createdAt desc", tenant).range(0, limit - 1).list();
    }
}
