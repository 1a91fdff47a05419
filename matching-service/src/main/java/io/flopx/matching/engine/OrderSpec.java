package io.flopx.matching.engine;

import java.util.Set;
import java.util.UUID;

/**
 * Demand entering the book: devices of one model for durationHours, starting at any hour in
 * [earliestStartHour, latestStartHour], at most limitPricePerDeviceHour. An empty hub set allows any hub.
 */
public record OrderSpec(
        UUID id,
        String tenant,
        String model,
        int devices,
        int durationHours,
        long earliestStartHour,
        long latestStartHour,
        long limitPricePerDeviceHour,
        String currency,
        Set<String> allowedHubs) {

    boolean allows(String hub) {
        return allowedHubs.isEmpty() || allowedHubs.contains(hub);
    }
}
