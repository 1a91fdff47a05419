package io.flopx.settlement.rest;

import io.flopx.settlement.domain.MonthlyStatement;
import io.flopx.settlement.domain.StatementLine;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * A monthly statement as a CSV download (RFC 4180), for people and spreadsheets: amounts in major units
 * (12.50, not 1250), an OPENING row per account, the month's lines oldest first, a CLOSING row per account,
 * and when the tenant bought compute in the month, what it spent: SPENT_CHARGED, SPENT_REFUNDED,
 * SPENT_FROM_VOUCHERS and SPENT_IN_MONEY rows.
 * A text cell that a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with a quote.
 */
final class StatementCsv {

    static final String HEADER = "at,entry,kind,reference,account,amount,balance_after\r\n";

    private StatementCsv() {}

    static String of(MonthlyStatement m) {
        int digits = Currency.getInstance(m.currency()).getDefaultFractionDigits();
        StringBuilder csv = new StringBuilder(HEADER);
        for (MonthlyStatement.AccountMonth a : m.accounts()) {
            row(csv, m.from().toString(), "", "OPENING", "", a.account().name(), "", money(a.opening(), digits));
        }
        for (StatementLine l : m.lines()) {
            row(
                    csv,
                    l.at().toString(),
                    l.entryId().toString(),
                    l.kind().name(),
                    l.reference() == null ? "" : l.reference(),
                    l.account().name(),
                    money(l.amount(), digits),
                    money(l.balanceAfter(), digits));
        }
        for (MonthlyStatement.AccountMonth a : m.accounts()) {
            row(csv, m.to().toString(), "", "CLOSING", "", a.account().name(), "", money(a.closing(), digits));
        }
        MonthlyStatement.Spend spend = MonthlyStatement.Spend.of(m.byLease());
        if (spend.charged() != 0) {
            String to = m.to().toString();
            row(csv, to, "", "SPENT_CHARGED", "", "AVAILABLE", money(spend.charged(), digits), "");
            row(csv, to, "", "SPENT_REFUNDED", "", "AVAILABLE", money(spend.refunded(), digits), "");
            row(csv, to, "", "SPENT_FROM_VOUCHERS", "", "VOUCHER", money(spend.fromVouchers(), digits), "");
            row(csv, to, "", "SPENT_IN_MONEY", "", "AVAILABLE", money(spend.inMoney(), digits), "");
        }
        return csv.toString();
    }

    private static String money(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i], i == 3));
        }
        csv.append("\r\n");
    }

    /** Quoted when it holds a comma, quote or line break; free text defused against formula injection. */
    static String cell(String value, boolean freeText) {
        String v = value;
        if (freeText && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
