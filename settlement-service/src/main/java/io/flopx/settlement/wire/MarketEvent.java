package io.flopx.settlement.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** What the matcher publishes on {@code market-events}, as far as money goes; unknown fields are ignored. */
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
        int devices,
        Instant start,
        Instant end,
        long cost,
        String currency) {

    public static final String FILL = "FILL";
}
