package io.flopx.matching.messaging;

import java.time.Instant;
import java.util.UUID;

/** Consumed from {@code offering-events} (catalog-service owns the shape; unknown fields are ignored). */
public record OfferingEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID offeringId,
        String tenant,
        String model,
        String hub,
        String site,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency) {

    public static final String LISTED = "OFFERING_LISTED";
}
