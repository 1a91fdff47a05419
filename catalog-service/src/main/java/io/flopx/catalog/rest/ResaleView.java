package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.ResaleListing;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A resale listing as its reseller sees it. */
public record ResaleView(
        @Schema(description = "The listing's id: buyers find and buy it as an offering with this id")
        UUID id,

        UUID leaseId,
        String tenant,

        @Schema(description = "The provider whose devices deliver what it sells")
        String deliveredBy,

        String model,
        String hub,
        UUID siteId,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        String status,

        @Schema(description = "Device-hours sold so far (each became a lease of its buyer's)")
        long soldDeviceHours,

        long version) {

    public static ResaleView of(ResaleListing listed) {
        Offering o = listed.offering();
        return new ResaleView(
                o.id,
                o.resaleOf,
                o.tenant,
                o.deliveredBy,
                o.modelId,
                o.hubId,
                o.siteId,
                o.devices,
                o.availableFrom,
                o.availableUntil,
                o.pricePerDeviceHour,
                o.currency,
                o.status.name(),
                listed.soldDeviceHours(),
                o.version);
    }
}
