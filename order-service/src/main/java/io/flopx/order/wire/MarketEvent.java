package io.flopx.order.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** What the matcher publishes on {@code market-events}; unknown fields are ignored. */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        String hub,
        UUID orderId,
        String enterpriseTenant,
        UUID offeringId,
        String providerTenant,
        String model,
        UUID siteId,
        Integer pueMilli,
        Integer tdpWatts,
        Long gflopsPerDevice,
        int devices,
        Instant start,
        Instant end,
        long pricePerDeviceHour,
        long cost,
        String currency,
        String reason) {

    public static final String ORDER_RESTING = "ORDER_RESTING";
    public static final String FILL = "FILL";
    public static final String ORDER_REJECTED = "ORDER_REJECTED";
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    public static final String ORDER_EXPIRED = "ORDER_EXPIRED";
}
