package io.flopx.settlement.domain;

/**
 * A tenant's accounts in one currency, in minor units: what it may spend ({@code available}, which may be
 * negative down to minus the credit limit), what its open orders hold, what providers are owed, and what
 * its unexpired compute vouchers have left (spent before its own money, where they are eligible).
 */
public record Balance(
        String tenant,
        String currency,
        long available,
        long creditLimit,
        long held,
        long escrow,
        long payable,
        long vouchers) {

    /** What the tenant can still commit to new orders: its money plus the credit it has left. */
    public long buyingPower() {
        return available + creditLimit;
    }

    public static Balance empty(String tenant, String currency) {
        return new Balance(tenant, currency, 0, 0, 0, 0, 0, 0);
    }
}
