package io.flopx.settlement.domain;

/** Why money moved. */
public enum EntryKind {
    /** Money received for a tenant (a reconciled bank transfer; see the module README). */
    TOP_UP,
    /** A voucher program gave an enterprise a voucher. */
    VOUCHER_ISSUED,
    /** A voucher expired: what it had left went back to its program. */
    VOUCHER_LAPSED,
    /** A fill: its cost moved from the buyer's AVAILABLE account to the provider's ESCROW. */
    TRADE,
    /** Hour slots of a lease passed: their money left escrow for the provider's PAYABLE, less the fee. */
    ESCROW_RELEASED,
    /**
     * SLA credits on a lease (undelivered device-hours at the trade price, and the tier's multiplier once its
     * availability commitment is missed): from escrow and, for slots already paid, from the provider's payable
     * and the exchange's fee, to the buyer's AVAILABLE account (the fill is its reference). It also releases
     * any slots judged since.
     */
    SLA_CREDITED,
    /** A fill the provider's capacity ledger refused: the buyer got all of it back. */
    TRADE_REFUNDED,
    /**
     * A fill drew on its buyer's compute vouchers: their value went to the buyer's AVAILABLE account, paying
     * that part of the fill's TRADE (the fill is its reference).
     */
    VOUCHER_DRAWN,
    /** A reversed fill gave back to the vouchers what it drew from them (the fill is its reference). */
    VOUCHER_RETURNED
}
