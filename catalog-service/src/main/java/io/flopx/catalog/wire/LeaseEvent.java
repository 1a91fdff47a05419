package io.flopx.catalog.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code lease-events}, keyed by order id, through the outbox: {@code FILL_REFUSED}, a fill the
 * capacity ledger would not record (it would lease more devices than listed in some hour slot, or its
 * offering is unknown). order-service reverses it, so no enterprise keeps a fill no provider will deliver.
 * Its id is derived from the fill's, so a repeated refusal is recognised. Guarded by the contract fixture
 * {@code contracts/fill-refused.json}.
 */
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

    public static LeaseEvent refused(MarketEvent fill, String reason, Instant at) {
        UUID id = UUID.nameUUIDFromBytes((FILL_REFUSED + ":" + fill.eventId()).getBytes(StandardCharsets.UTF_8));
        return new LeaseEvent(
                id,
                FILL_REFUSED,
                at,
                fill.eventId(),
                fill.orderId(),
                fill.enterpriseTenant(),
                fill.offeringId(),
                fill.providerTenant(),
                fill.devices(),
                fill.start(),
                fill.end(),
                reason);
    }
}
