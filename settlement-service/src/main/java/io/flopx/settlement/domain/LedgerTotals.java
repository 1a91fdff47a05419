package io.flopx.settlement.domain;

import java.util.List;

/**
 * The exchange's money in one currency, for operators: what tenants paid in, what they hold (and how much
 * credit they use), what open orders hold, what providers are owed, the exchange's fees, and what compute
 * vouchers have left and what expired unspent; and the money of fills per hub (traded value of the fills that
 * stand, what is in escrow, paid out to providers and kept as fees, and refunded).
 */
public record LedgerTotals(
        String currency,
        long paidIn,
        long available,
        long creditInUse,
        long creditLimits,
        long held,
        long escrow,
        long payable,
        long fees,
        long vouchersOutstanding,
        long vouchersLapsed,
        long tenants,
        long traded,
        long vouchersRedeemed,
        List<HubMoney> hubs) {

    /**
     * The money of one hub's fills in this currency; {@code vouchersRedeemed}: what compute vouchers paid of
     * them.
     */
    public record HubMoney(
            String hub,
            long fills,
            long traded,
            long escrow,
            long paidOut,
            long fees,
            long refunded,
            long vouchersRedeemed) {}

    /**
     * The totals, with {@code traded} and {@code vouchersRedeemed} (what compute vouchers paid for) the sums
     * over the hubs (so the two cannot disagree).
     */
    public LedgerTotals(
            String currency,
            long paidIn,
            long available,
            long creditInUse,
            long creditLimits,
            long held,
            long escrow,
            long payable,
            long fees,
            long vouchersOutstanding,
            long vouchersLapsed,
            long tenants,
            List<HubMoney> hubs) {
        this(
                currency,
                paidIn,
                available,
                creditInUse,
                creditLimits,
                held,
                escrow,
                payable,
                fees,
                vouchersOutstanding,
                vouchersLapsed,
                tenants,
                hubs.stream().mapToLong(HubMoney::traded).sum(),
                hubs.stream().mapToLong(HubMoney::vouchersRedeemed).sum(),
                List.copyOf(hubs));
    }
}
