package io.flopx.matching.service;

import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.wire.OrderEvent;
import java.time.Instant;
import java.util.Set;

/** Turns an order as order-service describes it into the engine's terms (hour slots, integer units). */
final class OrderSpecs {

    private OrderSpecs() {}

    /**
     * The order with its total quantity, or with {@code remaining} when given: what is left of an order
     * forwarded from another hub. (The event's own {@code remainingQuantity} is what order-service knew when
     * it wrote it; the matcher counts fills itself, so it never reads it, and 0 there means 0.)
     */
    static OrderSpec of(OrderEvent e, Long remaining) {
        boolean throughput = "THROUGHPUT".equals(e.kind());
        long quantity = remaining != null ? remaining : total(e);
        boolean partial = "PARTIAL".equals(e.fillPolicy());
        boolean ioc = "IMMEDIATE_OR_CANCEL".equals(e.timeInForce());
        Instant latest = e.latestStart() == null ? e.earliestStart() : e.latestStart();
        return new OrderSpec(
                e.orderId(),
                e.tenant(),
                throughput,
                e.models() == null ? Set.of() : Set.copyOf(e.models()),
                quantity,
                e.precision(),
                e.durationHours(),
                HubMarket.hour(e.earliestStart()),
                HubMarket.hour(latest),
                e.limitPrice(),
                e.currency(),
                e.allowedHubs() == null ? Set.of() : Set.copyOf(e.allowedHubs()),
                e.maxPueMilli(),
                e.minGreenRating(),
                e.interconnect(),
                e.sameSite(),
                partial,
                partial && e.minFill() != null ? Math.min(e.minFill(), quantity) : quantity,
                ioc,
                ioc ? 0 : e.goodTill() == null ? Long.MAX_VALUE : e.goodTill().getEpochSecond(),
                e.minReliabilityBps());
    }

    /** The order's whole quantity, in devices or GFLOPS. */
    static long total(OrderEvent e) {
        return "THROUGHPUT".equals(e.kind()) ? orZero(e.throughputGflops()) : orZero(e.devices());
    }

    private static long orZero(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
