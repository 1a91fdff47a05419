package io.flopx.catalog.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * What the matcher publishes on {@code market-events}. Catalog reads fills only; the other fields and
 * types are there for order-service. Unknown fields are ignored, so the matcher may add more.
 */
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
        int devices,
        Instant start,
        Instant end,
        long pricePerDeviceHour,
        long cost,
        String currency,
        String reason) {

    public static final String FILL = "FILL";

    public boolean isFill() {
        return FILL.equals(type);
    }
}
