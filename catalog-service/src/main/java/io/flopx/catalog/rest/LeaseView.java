package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Lease;
import java.time.Instant;
import java.util.UUID;

public record LeaseView(
        UUID id,
        UUID offeringId,
        UUID orderId,
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
                l.devices,
                l.startsAt,
                l.endsAt,
                l.pricePerDeviceHour,
                l.cost,
                l.currency);
    }
}
