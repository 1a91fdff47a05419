package io.flopx.order.service;

import io.flopx.order.domain.OrderKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Business metrics of the enterprise side, on /q/metrics: orders accepted by kind, and the market's
 * verdicts applied to them by type (fills, resting, rejected, cancelled, expired). Registered up front,
 * so dashboards see zeros rather than nothing.
 */
// Created at start-up, so that its meters exist (at zero) before the first event.
@Startup
@ApplicationScoped
public class OrderMetrics {

    static final List<String> VERDICTS =
            List.of("FILL", "ORDER_RESTING", "ORDER_REJECTED", "ORDER_CANCELLED", "ORDER_EXPIRED");

    private final Map<OrderKind, Counter> placed = new EnumMap<>(OrderKind.class);
    private final Map<String, Counter> applied = new TreeMap<>();

    public OrderMetrics(MeterRegistry registry) {
        for (OrderKind kind : OrderKind.values()) {
            placed.put(
                    kind,
                    Counter.builder("flopx.orders.placed")
                            .tag("kind", kind.name())
                            .description("orders accepted (new placements, not idempotent replays)")
                            .register(registry));
        }
        for (String type : VERDICTS) {
            applied.put(
                    type,
                    Counter.builder("flopx.market.events.applied")
                            .tag("type", type)
                            .description("market events received for known orders (a redelivered one counts again)")
                            .register(registry));
        }
    }

    void placed(OrderKind kind) {
        placed.get(kind).increment();
    }

    void applied(String type) {
        Counter c = applied.get(type);
        if (c != null) {
            c.increment();
        }
    }
}
