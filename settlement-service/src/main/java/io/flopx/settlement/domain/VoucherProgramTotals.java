package io.flopx.settlement.domain;

/** A program's vouchers in one currency; what was redeemed is what is neither outstanding nor lapsed. */
public record VoucherProgramTotals(String currency, long vouchers, long issued, long outstanding, long lapsed) {

    public long redeemed() {
        return issued - outstanding - lapsed;
    }
}
