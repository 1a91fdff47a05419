package io.flopx.matching.wire;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code market-events}, keyed by hub: the matcher's verdicts (an order resting or
 * rejected, a fill). Consumed by order-service and catalog-service; guarded by the contract fixtures
 * {@code contracts/market-fill.json} and {@code contracts/market-order-resting.json}.
 */
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
        Integer devices,
        Instant start,
        Instant end,
        Long pricePerDeviceHour,
        Long cost,
        String currency,
        String reason) {

    public static final String ORDER_RESTING = "ORDER_RESTING";
    public static final String ORDER_REJECTED = "ORDER_REJECTED";
    public static final String FILL = "FILL";
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    public static final String ORDER_EXPIRED = "ORDER_EXPIRED";
}
