package io.flopx.catalog.messaging;

import java.time.Instant;
import java.util.UUID;

import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.Site;

/**
 * Published on the compacted topic {@code offering-events}, keyed by offering id: the full state of an
 * offering after each change, so the latest record per key is a complete snapshot and a duplicate
 * publish is harmless. Guarded by the contract fixture {@code contracts/offering-listed.json}.
 */
public record OfferingEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID offeringId,
        long version,
        String tenant,
        String model,
        String hub,
        UUID siteId,
        int pueMilli,
        int greenRating,
        String interconnect,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        int minLeaseHours,
        String status) {

    public static final String LISTED = "OFFERING_LISTED";
    public static final String AMENDED = "OFFERING_AMENDED";
    public static final String WITHDRAWN = "OFFERING_WITHDRAWN";

    public static OfferingEvent of(String type, Offering o, Site site, Instant at) {
        return new OfferingEvent(UUID.randomUUID(), type, at, o.id, o.version, o.tenant, o.modelId, o.hubId, site.id,
                site.pueMilli, site.greenRating, site.interconnect.name(), o.devices, o.availableFrom, o.availableUntil,
                o.pricePerDeviceHour, o.currency, o.minLeaseHours, o.status.name());
    }
}
