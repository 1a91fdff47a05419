package io.flopx.catalog.rest;

import java.time.Instant;
import java.util.UUID;

import io.flopx.catalog.domain.Offering;

public record OfferingView(
        UUID id,
        String tenant,
        String model,
        String hub,
        String site,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        String status,
        Instant createdAt) {

    public static OfferingView of(Offering o) {
        return new OfferingView(o.id, o.tenant, o.modelId, o.hubId, o.site, o.devices, o.availableFrom,
                o.availableUntil, o.pricePerDeviceHour, o.currency, o.status.name(), o.createdAt);
    }
}
