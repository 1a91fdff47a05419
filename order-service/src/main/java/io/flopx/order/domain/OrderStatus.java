package io.flopx.order.domain;

/** accepted → resting → partially filled → filled / cancelled / expired / rejected. */
public enum OrderStatus {
    ACCEPTED,
    RESTING,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    EXPIRED,
    REJECTED;

    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == EXPIRED || this == REJECTED;
    }
}
