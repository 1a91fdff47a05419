package io.flopx.order.domain;

/**
 * A tenant's buying power in one currency, in minor units: what it paid in and its credit limit (from
 * settlement-service), what its standing fills cost in its money, what its open orders hold in its money (the
 * worst case of what each still wants, less what vouchers back), and what new orders may still commit
 * ({@code free}: the table derives it from the others); and its compute vouchers: what they have left to back
 * orders (unexpired), what open orders hold of them, what fills drew from them.
 */
public record BuyingPower(
        String tenant,
        String currency,
        long paidIn,
        long creditLimit,
        long charged,
        long held,
        long free,
        long vouchersLeft,
        long vouchersHeld,
        long vouchersDrawn) {}
