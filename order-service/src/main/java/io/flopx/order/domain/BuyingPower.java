package io.flopx.order.domain;

/**
 * A tenant's buying power in one currency, in minor units: what it paid in and its credit limit (from
 * settlement-service), what its standing fills cost, what its open orders hold (the worst case of what each
 * still wants), and what new orders may still commit ({@code free}: the table derives it from the others).
 */
public record BuyingPower(
        String tenant, String currency, long paidIn, long creditLimit, long charged, long held, long free) {}
