package io.flopx.settlement.domain;

/** How far a lease's money has moved (before the fill, its hold is order-service's: see the root README). */
public enum LeaseState {
    /** All of its cost sits in the provider's escrow: no hour slot has passed yet. */
    ESCROWED,
    /** Some hour slots passed and were paid out; the rest is still in escrow. */
    PAYING_OUT,
    /** Every slot passed: the provider's payable and the exchange's fees hold all of it. */
    PAID_OUT,
    /** The fill was refused by the provider's capacity ledger and the buyer got everything back. */
    REFUNDED
}
