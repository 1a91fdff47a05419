package io.flopx.order.wire;

import io.flopx.order.domain.ComputeOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code order-events}, keyed by order id, through the outbox: the order's full state after
 * each change ({@code ORDER_PLACED}, {@code ORDER_AMENDED}, {@code ORDER_CANCEL_REQUESTED}), with its
 * version and the quantity still wanted. Guarded by the contract fixture {@code contracts/order-placed.json}.
 */
public record OrderEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID orderId,
        long version,
        String tenant,
        String kind,
        List<String> models,
        Integer devices,
        Long throughputGflops,
        String precision,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPrice,
        String currency,
        List<String> allowedHubs,
        Integer maxPueMilli,
        Integer minGreenRating,
        String interconnect,
        boolean sameSite,
        String fillPolicy,
        Long minFill,
        String timeInForce,
        Instant goodTill,
        long remainingQuantity,
        Integer minReliabilityBps) {

    public static final String PLACED = "ORDER_PLACED";
    public static final String AMENDED = "ORDER_AMENDED";
    public static final String CANCEL_REQUESTED = "ORDER_CANCEL_REQUESTED";

    public static OrderEvent of(String type, ComputeOrder o, Instant at) {
        return new OrderEvent(
                UUID.randomUUID(),
                type,
                at,
                o.id,
                o.version,
                o.tenant,
                o.kind.name(),
                List.copyOf(o.models),
                o.devices,
                o.throughputGflops,
                o.precision == null ? null : o.precision.name(),
                o.durationHours,
                o.earliestStart,
                o.latestStart,
                o.limitPrice,
                o.currency,
                List.copyOf(o.allowedHubs),
                o.maxPueMilli,
                o.minGreenRating,
                o.interconnect,
                o.sameSite,
                o.fillPolicy.name(),
                o.minFill,
                o.timeInForce.name(),
                o.goodTill,
                o.remainingQuantity(),
                o.minReliabilityBps);
    }
}
