package io.flopx.order.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * Consumed from {@code lease-events} (key: order id): catalog-service's word on a fill. {@code FILL_REFUSED}:
 * the provider's capacity ledger would not record it, so the fill is reversed here. catalog-service owns the
 * shape; unknown fields are ignored.
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID fillId,
        UUID orderId,
        String enterpriseTenant,
        UUID offeringId,
        String providerTenant,
        int devices,
        Instant start,
        Instant end,
        String reason) {

    public static final String FILL_REFUSED = "FILL_REFUSED";
}
