package io.flopx.order.domain;

/**
 * A tenant's buying power in one currency, in minor units: what it paid in and its credit limit (from
 * settlement-service), what its standing fills cost, and what its open orders hold (the worst case of what
 * each still wants).
 */
public record BuyingPower(
        String tenant, String currency, long paidIn, long creditLimit, long charged, long held, long fundingVersion) {

    /** What new orders may still commit: funding minus what fills cost and open orders hold. */
    public long free() {
        return paidIn + creditLimit - charged - held;
    }
}
