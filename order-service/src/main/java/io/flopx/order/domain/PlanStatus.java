package io.flopx.order.domain;

/** Where a procurement plan stands: only ACTIVE plans place orders. */
public enum PlanStatus {
    ACTIVE,
    /** Stopped by its enterprise: its open orders were cancelled. */
    STOPPED,
    /** What its fills cost leaves less than one device-hour of its budget: it buys nothing more. */
    BUDGET_SPENT,
    /** Its last hour has started. */
    ENDED;

    public boolean isTerminal() {
        return this != ACTIVE;
    }
}
