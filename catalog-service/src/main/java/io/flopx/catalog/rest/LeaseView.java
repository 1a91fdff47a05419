package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Lease;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record LeaseView(
        UUID id,
        UUID offeringId,
        UUID orderId,

        @Schema(description = "Who sold it: the offering's provider, or the reseller of a resale listing")
        String seller,

        @Schema(description = "Whose devices deliver it and whose agents report on it")
        String deliveredBy,

        int devices,
        Instant start,
        Instant end,
        long pricePerDeviceHour,
        long cost,
        String currency) {

    public static LeaseView of(Lease l) {
        return new LeaseView(
                l.id,
                l.offeringId,
                l.orderId,
                l.providerTenant,
                l.deliveredBy,
                l.devices,
                l.startsAt,
                l.endsAt,
                l.pricePerDeviceHour,
                l.cost,
                l.currency);
    }
}
