package io.flopx.settlement.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's month in one currency: per account, the balance it opened and closed with and what was
 * credited and debited in between (closing = opening + credits - debits), the month's entries summed by
 * kind and its trades by lease, and every line, oldest first.
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

    /**
     * The month's money of one lease (fill) on the tenant's accounts. As its buyer: what it was charged,
     * what of that its compute vouchers paid (the rest was its money), and what was refunded. As its provider:
     * what went into escrow, what left escrow as the hours passed (paid out to its payable, and the exchange's
     * fee), and what a refund took back.
     */
    public record LeaseMonth(
            String fillId,
            long charged,
            long fromVouchers,
            long refunded,
            long escrowed,
            long paidOut,
            long fees,
            long takenBack) {}

    /**
     * What the tenant spent on compute in the month, as a buyer: charged by fills, less refunds, paid by its
     * vouchers and in its own money ({@code inMoney}: the rest).
     */
    public record Spend(long charged, long refunded, long fromVouchers, long inMoney) {

        /** What the leases add up to. */
        public static Spend of(List<LeaseMonth> leases) {
            long charged = 0;
            long refunded = 0;
            long fromVouchers = 0;
            for (LeaseMonth l : leases) {
                charged += l.charged();
                refunded += l.refunded();
                fromVouchers += l.fromVouchers();
            }
            return new Spend(charged, refunded, fromVouchers, charged - refunded - fromVouchers);
        }
    }

    /** The month's lines of trades, voucher draws, payouts and refunds, by lease (their reference is the fill), oldest first. */
    public List<LeaseMonth> byLease() {
        Map<String, long[]> leases = new LinkedHashMap<>();
        for (StatementLine l : lines) {
            if (l.reference() == null || !TRADE_KINDS.contains(l.kind())) {
                continue;
            }
            // charged, refunded, escrowed, paid out, released from escrow, taken back, from vouchers
            long[] m = leases.computeIfAbsent(l.reference(), r -> new long[7]);
            switch (l.kind()) {
                case TRADE -> {
                    if (l.account() == AccountKind.AVAILABLE) {
                        m[0] -= l.amount();
                    } else {
                        m[2] += l.amount();
                    }
                }
                case TRADE_REFUNDED -> {
                    if (l.account() == AccountKind.AVAILABLE) {
                        m[1] += l.amount();
                    } else {
                        m[5] -= l.amount();
                    }
                }
                case ESCROW_RELEASED -> {
                    if (l.account() == AccountKind.PAYABLE) {
                        m[3] += l.amount();
                    } else {
                        m[4] -= l.amount();
                    }
                }
                case VOUCHER_DRAWN, VOUCHER_RETURNED -> {
                    if (l.account() == AccountKind.AVAILABLE) {
                        m[6] += l.amount();
                    }
                }
                default -> {}
            }
        }
        List<LeaseMonth> list = new ArrayList<>();
        leases.forEach((fill, m) -> list.add(new LeaseMonth(fill, m[0], m[6], m[1], m[2], m[3], m[4] - m[3], m[5])));
        return list;
    }

    private static final Set<EntryKind> TRADE_KINDS = EnumSet.of(
            EntryKind.TRADE,
            EntryKind.ESCROW_RELEASED,
            EntryKind.TRADE_REFUNDED,
            EntryKind.VOUCHER_DRAWN,
            EntryKind.VOUCHER_RETURNED);
}
