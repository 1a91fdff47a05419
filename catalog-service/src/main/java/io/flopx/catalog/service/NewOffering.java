package io.flopx.catalog.service;

import java.time.Instant;
import java.util.UUID;

/** Capacity a provider lists: a model at one of its sites, a window, a price. */
public record NewOffering(
        String model,
        UUID siteId,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        Integer minLeaseHours,
        Integer availabilityBps) {

    int minLeaseHoursOrDefault() {
        return minLeaseHours == null ? 1 : minLeaseHours;
    }
}
