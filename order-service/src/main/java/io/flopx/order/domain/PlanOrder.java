package io.flopx.order.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One order a plan placed, for one hour slot, as it stands: devices it asked for, devices filled (fills that
 * stand), what those cost, and whether it can still fill.
 */
public record PlanOrder(
        UUID orderId, Instant hour, OrderStatus status, int devices, long filled, long spent, Instant placedAt) {

    /** Devices this order has or may still get: what filled, plus the rest while it is open. */
    public long inHand() {
        return status.isTerminal() ? filled : Math.max(filled, devices);
    }

    /**
     * The most the rest of it can still cost at the plan's limit (one hour slot): counted against the plan's
     * budget whether or not the exchange requires orders to be funded.
     */
    public long worstStill(long limitPrice) {
        return status.isTerminal() ? 0 : Math.max(0, devices - filled) * limitPrice;
    }
}
