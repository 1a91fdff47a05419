package io.flopx.order.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.messaging.OrderEvent;
import io.flopx.order.messaging.OrderEventPublisher;
import io.flopx.order.repository.OrderRepository;
import io.flopx.order.rest.PlaceOrderRequest;
import io.flopx.support.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrderService {

    private final OrderRepository orders;
    private final OrderEventPublisher publisher;

    public OrderService(OrderRepository orders, OrderEventPublisher publisher) {
        this.orders = orders;
        this.publisher = publisher;
    }

    /**
     * Stores the order, then publishes it to the matcher. The event leaves after the commit; the orders
     * issue replaces this with a transactional outbox so that a crash in between cannot lose it.
     */
    public Uni<ComputeOrder> place(String tenant, PlaceOrderRequest request) {
        Instant earliest = request.earliestStart();
        Instant latest = request.latestStart() == null ? earliest : request.latestStart();
        requireHourAligned("earliestStart", earliest);
        requireHourAligned("latestStart", latest);
        if (latest.isBefore(earliest)) {
            throw ApiProblem.invalid("latestStart", "must not be before earliestStart");
        }
        ComputeOrder order = new ComputeOrder();
        order.id = UUID.randomUUID();
        order.tenant = tenant;
        order.clientReference = request.clientReference();
        order.modelId = request.model();
        order.devices = request.devices();
        order.durationHours = request.durationHours();
        order.earliestStart = earliest;
        order.latestStart = latest;
        order.limitPricePerDeviceHour = request.limitPricePerDeviceHour();
        order.currency = request.currency();
        order.allowedHubs = request.hubs() == null ? new ArrayList<>() : new ArrayList<>(request.hubs());
        order.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        order.moveTo(OrderStatus.ACCEPTED, null, order.createdAt);
        return Panache.withTransaction(() -> orders.persist(order))
                .call(saved -> publisher.publish(OrderEvent.placed(saved)));
    }

    /** The caller's own order; another tenant's looks exactly like a missing one. */
    public Uni<ComputeOrder> ownOrder(String tenant, UUID id) {
        return Panache.withSession(() -> orders.findById(id))
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("order " + id))
                .invoke(o -> {
                    if (!o.tenant.equals(tenant)) {
                        throw ApiProblem.notFound("order " + id);
                    }
                });
    }

    public Uni<List<ComputeOrder>> ownOrders(String tenant, int limit) {
        return Panache.withSession(() -> orders.listByTenant(tenant, limit));
    }

    private static void requireHourAligned(String field, Instant t) {
        if (!t.truncatedTo(ChronoUnit.HOURS).equals(t)) {
            throw ApiProblem.invalid(field, "must be on a whole UTC hour, e.g. 2026-12-01T08:00:00Z");
        }
    }
}
