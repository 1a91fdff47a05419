package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Balance;
import java.util.Currency;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's accounts in one currency, in minor units (fen for CNY: 100 to the yuan). */
@Schema(description = "Balances in one currency, in minor units (e.g. fen: 100000000 = 1,000,000.00 CNY)")
public record BalanceView(
        String currency,

        @Schema(description = "Digits after the decimal point: 2 for CNY")
        int fractionDigits,

        @Schema(description = "Money to spend (negative when the tenant uses credit)")
        long available,

        long creditLimit,

        @Schema(description = "available + creditLimit: what new orders may still commit")
        long buyingPower,

        @Schema(description = "Held for the worst-case cost of open orders")
        long held,

        @Schema(description = "Paid for capacity not yet delivered (providers)")
        long escrow,

        @Schema(description = "Owed for capacity delivered (providers)")
        long payable,

        @Schema(description = "What unexpired compute vouchers have left (spent first, where eligible)")
        long vouchers) {

    static BalanceView of(Balance b) {
        return new BalanceView(
                b.currency(),
                Currency.getInstance(b.currency()).getDefaultFractionDigits(),
                b.available(),
                b.creditLimit(),
                b.buyingPower(),
                b.held(),
                b.escrow(),
                b.payable(),
                b.vouchers());
    }
}
