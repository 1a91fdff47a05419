package io.flopx.settlement.domain;

/**
 * What an account holds. Tenants' accounts are what the exchange owes them, so their balance is credits minus
 * debits, and none may be overdrawn (beyond the credit limit of an AVAILABLE account); the exchange's BANK
 * account is the other side of money paid in, and goes the other way.
 */
public enum AccountKind {
    /** An enterprise's money it may spend (and a provider's, once paid out). */
    AVAILABLE(true),
    /** Pre-trade holds: the worst-case cost of a tenant's open orders. */
    HELD(true),
    /** Paid for capacity not yet delivered. */
    ESCROW(true),
    /** Owed to a provider for capacity delivered. */
    PAYABLE(true),
    /** The exchange's fees. */
    FEES(true),
    /** The exchange's side of money received by bank transfer: debited by every top-up. */
    BANK(false),
    /** One compute voucher's remaining value (an account per voucher). */
    VOUCHER(true),
    /** A voucher program's side of what it issued: debited by every voucher it issues. */
    PROGRAM_ISSUED(false),
    /** What a program's vouchers left unspent when they expired, back with the program. */
    PROGRAM_LAPSED(true);

    private final boolean mayNotBeOverdrawn;

    AccountKind(boolean mayNotBeOverdrawn) {
        this.mayNotBeOverdrawn = mayNotBeOverdrawn;
    }

    /** TigerBeetle's "debits must not exceed credits" flag, enforced by the database. */
    public boolean mayNotBeOverdrawn() {
        return mayNotBeOverdrawn;
    }
}
