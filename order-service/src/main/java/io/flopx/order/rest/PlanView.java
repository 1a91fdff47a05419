package io.flopx.order.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flopx.order.domain.PlanCoverage;
import io.flopx.order.domain.PlanOrder;
import io.flopx.order.domain.ProcurementPlan;
import io.flopx.order.service.PlanService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A plan as its enterprise (or an operator) sees it: its terms, status, coverage, money and orders. Lists leave
 * the orders out (one per hour bought, they grow with the plan; {@code GET /plans/{id}} has them).
 */
public record PlanView(
        UUID id,
        String tenant,
        String name,
        List<String> models,
        List<String> hubs,
        int devices,
        Instant startsAt,
        Instant endsAt,
        int aheadHours,
        long limitPrice,
        String currency,
        Integer minReliability,
        long budget,
        String status,
        String statusReason,
        PlanCoverage coverage,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Order> orders,
        Instant createdAt,
        Instant updatedAt) {

    /** One order the plan placed, for one hour slot. */
    public record Order(UUID id, Instant hour, String status, int devices, long filledDevices, long cost) {}

    static PlanView of(PlanService.PlanState s) {
        return view(s, s.orders().stream().map(PlanView::order).toList());
    }

    /** Without its orders, for lists. */
    static PlanView summary(PlanService.PlanState s) {
        return view(s, null);
    }

    private static PlanView view(PlanService.PlanState s, List<Order> orders) {
        ProcurementPlan p = s.plan();
        return new PlanView(
                p.id(),
                p.tenant(),
                p.name(),
                p.models(),
                p.hubs(),
                p.devices(),
                p.startsAt(),
                p.endsAt(),
                p.aheadHours(),
                p.limitPrice(),
                p.currency(),
                p.minReliabilityBps(),
                p.budget(),
                p.status().name(),
                p.statusReason(),
                s.coverage(),
                orders,
                p.createdAt(),
                p.updatedAt());
    }

    private static Order order(PlanOrder o) {
        return new Order(o.orderId(), o.hour(), o.status().name(), o.devices(), o.filled(), o.spent());
    }
}
