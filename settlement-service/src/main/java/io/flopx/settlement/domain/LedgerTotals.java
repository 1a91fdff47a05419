package io.flopx.settlement.domain;

/**
 * The exchange's money in one currency, for operators: what tenants paid in, what they hold (and how much
 * credit they use), what open orders hold, what providers are owed, the exchange's fees, and what compute
 * vouchers have left and what expired unspent.
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
        long tenants) {}
