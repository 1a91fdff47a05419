package io.flopx.settlement.rest;

import io.flopx.settlement.domain.MonthlyStatement;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** A tenant's month in one currency, in minor units (see MonthlyStatement). */
public record MonthlyStatementView(
        String tenant,
        String currency,
        int fractionDigits,
        String month,
        Instant from,
        Instant to,
        List<AccountMonthView> accounts,
        List<KindTotalView> byKind,
        List<MonthlyStatement.LeaseMonth> byLease,
        MonthlyStatement.Spend spend,
        List<StatementLineView> lines) {

    /** One account over the month: closing = opening + credits - debits. */
    public record AccountMonthView(String account, long opening, long credits, long debits, long closing) {}

    /** The month's entries of one kind and what they moved net on the tenant's accounts. */
    public record KindTotalView(String kind, long entries, long net) {}

    static MonthlyStatementView of(MonthlyStatement m) {
        List<MonthlyStatement.LeaseMonth> byLease = m.byLease();
        return new MonthlyStatementView(
                m.tenant(),
                m.currency(),
                Currency.getInstance(m.currency()).getDefaultFractionDigits(),
                m.month().toString(),
                m.from(),
                m.to(),
                m.accounts().stream()
                        .map(a -> new AccountMonthView(
                                a.account().name(), a.opening(), a.credits(), a.debits(), a.closing()))
                        .toList(),
                m.byKind().stream()
                        .map(k -> new KindTotalView(k.kind().name(), k.entries(), k.net()))
                        .toList(),
                byLease,
                MonthlyStatement.Spend.of(byLease),
                m.lines().stream().map(StatementLineView::of).toList());
    }
}
