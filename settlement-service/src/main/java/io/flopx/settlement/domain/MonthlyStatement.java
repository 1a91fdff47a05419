package io.flopx.settlement.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A tenant's month in one currency: per account, the balance it opened and closed with and what was
 * credited and debited in between (closing = opening + credits - debits), the month's entries summed by
 * kind, and every line, oldest first.
 */
public record MonthlyStatement(
        String tenant,
        String currency,
        YearMonth month,
        Instant from,
        Instant to,
        List<AccountMonth> accounts,
        List<KindTotal> byKind,
        List<StatementLine> lines) {

    /** One account over the month. */
    public record AccountMonth(AccountKind account, long opening, long credits, long debits) {
        public long closing() {
            return opening + credits - debits;
        }
    }

    /** The month's entries of one kind: how many, and what they moved net on the tenant's accounts. */
    public record KindTotal(EntryKind kind, long entries, long net) {}
}
