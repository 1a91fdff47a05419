package io.flopx.order.domain;

/** Fill now or cancel the rest, or rest in the book until the good-till time. */
public enum TimeInForce {
    IMMEDIATE_OR_CANCEL,
    GOOD_TILL
}
