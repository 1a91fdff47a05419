package io.flopx.catalog.rest;

import java.time.Instant;
import java.util.UUID;

import io.flopx.catalog.domain.Lease;

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
        return new LeaseView(l.id, l.offeringId, l.orderId, l.devices, l.startsAt, l.endsAt, l.pricePerDeviceHour,
                l.cost, l.currency);
    }
}
