package io.flopx.settlement.domain;

import java.util.UUID;

/** One account: a tenant's, in one currency, of one kind (and for a voucher, which voucher). */
public record AccountRef(String tenant, String currency, AccountKind kind, UUID voucherId) {

    public AccountRef {
        if ((kind == AccountKind.VOUCHER) != (voucherId != null)) {
            throw new IllegalArgumentException("a voucher account, and only one, names its voucher");
        }
    }

    public AccountRef(String tenant, String currency, AccountKind kind) {
        this(tenant, currency, kind, null);
    }

    /** The tenant of the exchange itself: it owns BANK and FEES accounts. */
    public static final String EXCHANGE = "flopx";

    public static AccountRef available(String tenant, String currency) {
        return new AccountRef(tenant, currency, AccountKind.AVAILABLE);
    }

    public static AccountRef bank(String currency) {
        return new AccountRef(EXCHANGE, currency, AccountKind.BANK);
    }

    /** The tenant a voucher program's accounts belong to: no real tenant id has a colon. */
    public static String programTenant(String program) {
        return "program:" + program;
    }
}
