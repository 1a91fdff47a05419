package io.flopx.order.domain;

/** All of the quantity in one go, or partial fills of at least the minimum fill each. */
public enum FillPolicy {
    ALL_OR_NONE,
    PARTIAL
}
