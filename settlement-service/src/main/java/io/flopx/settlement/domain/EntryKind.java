package io.flopx.settlement.domain;

/** Why money moved. */
public enum EntryKind {
    /** Money received for a tenant (a reconciled bank transfer; see the module README). */
    TOP_UP,
    /** A voucher program gave an enterprise a voucher. */
    VOUCHER_ISSUED,
    /** A voucher expired: what it had left went back to its program. */
    VOUCHER_LAPSED
}
