package io.flopx.matching.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Consumed from {@code order-events} (key: order id): an order's full state after each change.
 * order-service owns the shape; unknown fields are ignored.
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID orderId,
        long version,
        String tenant,
        String kind,
        List<String> models,
        Integer devices,
        Long throughputGflops,
        String precision,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPrice,
        String currency,
        List<String> allowedHubs,
        Integer maxPueMilli,
        Integer minGreenRating,
        String interconnect,
        boolean sameSite,
        String fillPolicy,
        Long minFill,
        String timeInForce,
        Instant goodTill,
        Long remainingQuantity,
        Integer minReliabilityBps) {

    public static final String PLACED = "ORDER_PLACED";
    public static final String AMENDED = "ORDER_AMENDED";
    public static final String CANCEL_REQUESTED = "ORDER_CANCEL_REQUESTED";
}
