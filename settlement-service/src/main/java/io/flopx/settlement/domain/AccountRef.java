package io.flopx.settlement.domain;

/** One account: a tenant's, in one currency, of one kind. */
public record AccountRef(String tenant, String currency, AccountKind kind) {

    /** The tenant of the exchange itself: it owns BANK and FEES accounts. */
    public static final String EXCHANGE = "flopx";

    public static AccountRef available(String tenant, String currency) {
        return new AccountRef(tenant, currency, AccountKind.AVAILABLE);
    }

    public static AccountRef bank(String currency) {
        return new AccountRef(EXCHANGE, currency, AccountKind.BANK);
    }
}
