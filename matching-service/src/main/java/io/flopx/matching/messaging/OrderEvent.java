package io.flopx.matching.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Consumed from {@code order-events} (order-service owns the shape; unknown fields are ignored). */
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
}
