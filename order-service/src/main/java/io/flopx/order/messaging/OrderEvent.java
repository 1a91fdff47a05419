package io.flopx.order.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.flopx.order.domain.ComputeOrder;

/**
 * Published on {@code order-events}. The JSON shape is a contract with matching-service, guarded by the
 * fixture {@code contracts/order-placed.json}.
 */
public record OrderEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID orderId,
        String tenant,
        String model,
        int devices,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPricePerDeviceHour,
        String currency,
        List<String> allowedHubs) {

    public static final String PLACED = "ORDER_PLACED";

    public static OrderEvent placed(ComputeOrder o) {
        return new OrderEvent(UUID.randomUUID(), PLACED, o.createdAt, o.id, o.tenant, o.modelId, o.devices,
                o.durationHours, o.earliestStart, o.latestStart, o.limitPricePerDeviceHour, o.currency,
                List.copyOf(o.allowedHubs));
    }
}
