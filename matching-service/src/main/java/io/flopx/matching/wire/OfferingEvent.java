package io.flopx.matching.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Consumed from the compacted topic {@code offering-events} (key: offering id): the full state of an
 * offering after each change. catalog-service owns the shape; unknown fields are ignored.
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
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
        int tdpWatts,
        Map<String, Long> peakGflops,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        int minLeaseHours,
        String status,
        Integer reliabilityBps) {

    public static final String LISTED = "OFFERING_LISTED";
    public static final String AMENDED = "OFFERING_AMENDED";
    public static final String WITHDRAWN = "OFFERING_WITHDRAWN";
}
