package io.flopx.settlement.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The exchange's money in one currency, for operators: what tenants paid in, what they hold (and how much
 * credit they use), what open orders hold, what providers are owed, the exchange's fees, and what compute
 * vouchers have left and what expired unspent; and the money of fills per hub (traded value of the fills that
 * stand, what is in escrow, paid out to providers and kept as fees, refunded, and paid by vouchers), whose
 * sums are the totals' traded value and vouchers redeemed.
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
        List<HubMoney> hubs) {

    public LedgerTotals {
        hubs = List.copyOf(hubs);
    }

    /**
     * The money of one hub's fills in this currency; {@code vouchersRedeemed}: what compute vouchers paid of
     * them; {@code slaCredited}: what buyers got back for undelivered hours.
     */
    public record HubMoney(
            String hub,
            long fills,
            long traded,
            long escrow,
            long paidOut,
            long fees,
            long refunded,
            long vouchersRedeemed,
            long slaCredited) {}

    /** The traded value of the fills that stand: the sum over the hubs, so the two cannot disagree. */
    @JsonProperty
    public long traded() {
        return hubs.stream().mapToLong(HubMoney::traded).sum();
    }

    /** SLA credits paid to buyers for undelivered hours: the sum over the hubs. */
    @JsonProperty
    public long slaCredited() {
        return hubs.stream().mapToLong(HubMoney::slaCredited).sum();
    }

    /** What compute vouchers paid for: the sum over the hubs. */
    @JsonProperty
    public long vouchersRedeemed() {
        return hubs.stream().mapToLong(HubMoney::vouchersRedeemed).sum();
    }
}
