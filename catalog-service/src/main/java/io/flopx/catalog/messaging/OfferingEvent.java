package io.flopx.catalog.messaging;

import java.time.Instant;
import java.util.UUID;

import io.flopx.catalog.domain.Offering;

/**
 * Published on {@code offering-events}, keyed by hub (one market per hub). The JSON shape is a contract
 * with matching-service, guarded by the fixture {@code contracts/offering-listed.json}.
 */
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

    public static OfferingEvent listed(Offering o) {
        return new OfferingEvent(UUID.randomUUID(), LISTED, o.createdAt, o.id, o.tenant, o.modelId, o.hubId, o.site,
                o.devices, o.availableFrom, o.availableUntil, o.pricePerDeviceHour, o.currency);
    }
}
