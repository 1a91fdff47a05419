package io.flopx.matching.engine;

import java.util.UUID;

/**
 * Capacity entering the book: devices of one model in one hub over hour slots [fromHour, untilHour),
 * hours counted from the Unix epoch. Prices are integer minor units per device-hour.
 */
public record OfferingSpec(
        UUID id,
        String tenant,
        String model,
        String hub,
        int devices,
        long fromHour,
        long untilHour,
        long pricePerDeviceHour,
        String currency) {
}
