package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.domain.LeaseState;
import java.time.Instant;
import java.util.UUID;

/**
 * A fill's money: its cost, what is still in escrow, what was paid out to the provider and kept as fees, what
 * was refunded and credited to the buyer for undelivered hours (SLA credits; see /deliveries/{id}), in minor
 * units, and its state.
 */
public record LeaseSettlementView(
        UUID fillId,
        UUID orderId,
        UUID offeringId,
        String buyer,
        String provider,
        String hub,
        int devices,
        Instant start,
        Instant end,
        String currency,
        long cost,
        long escrow,
        long paidOut,
        long fees,
        int feeBps,
        long refunded,
        long slaCredited,
        int hoursPaid,
        int hours,
        Instant nextPayoutAt,
        LeaseState state,
        Instant tradedAt,
        String refundReason) {

    static LeaseSettlementView of(Lease l) {
        return new LeaseSettlementView(
                l.fillId(),
                l.orderId(),
                l.offeringId(),
                l.buyer(),
                l.provider(),
                l.hub(),
                l.devices(),
                l.start(),
                l.end(),
                l.currency(),
                l.cost(),
                l.escrow(),
                l.paidOut(),
                l.fees(),
                l.feeBps(),
                l.refunded(),
                l.credited(),
                l.slotsPaid(),
                l.hours(),
                l.nextPayoutAt(),
                l.state(),
                l.tradedAt(),
                l.refundReason());
    }
}
