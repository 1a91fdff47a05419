package io.flopx.matching.messaging;

import io.flopx.matching.wire.MarketEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business metrics of the matcher, on /q/metrics: commands applied, market events published by type and
 * fills by hub, commands replayed to rebuild markets, and the match latency: from a command entering the
 * log (its broker timestamp) to its decisions being handed to the producer, as a histogram for
 * percentiles in Prometheus. Registered up front, so dashboards see zeros rather than nothing.
 */
// Created at start-up, so that its meters exist (at zero) before the first event.
@Startup
@ApplicationScoped
public class MatchingMetrics {

    private final Counter commands;
    private final Counter replayed;
    private final Counter snapshots;
    private final Map<String, Counter> events = new TreeMap<>();
    private final Map<String, Counter> fillsByHub = new TreeMap<>();
    private final Timer latency;
    private final MeterRegistry registry;

    public MatchingMetrics(MeterRegistry registry, @ConfigProperty(name = "flopx.matching.hubs") List<String> hubs) {
        this.registry = registry;
        commands = Counter.builder("flopx.matching.commands")
                .description("market commands applied")
                .register(registry);
        replayed = Counter.builder("flopx.matching.replayed.commands")
                .description("commands replayed to rebuild markets after a start or a partition move")
                .register(registry);
        snapshots = Counter.builder("flopx.matching.snapshots")
                .description("market snapshots taken")
                .register(registry);
        for (String type : List.of(
                MarketEvent.FILL,
                MarketEvent.ORDER_RESTING,
                MarketEvent.ORDER_REJECTED,
                MarketEvent.ORDER_CANCELLED,
                MarketEvent.ORDER_EXPIRED)) {
            events.put(
                    type,
                    Counter.builder("flopx.matching.events")
                            .tag("type", type)
                            .description("market events published")
                            .register(registry));
        }
        hubs.forEach(this::fillCounter);
        latency = Timer.builder("flopx.matching.latency")
                .description("command in the log to its decisions published")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    void applied(long commandTimestampMs, List<MarketEvent> published) {
        commands.increment();
        latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - commandTimestampMs)));
        for (MarketEvent e : published) {
            Counter c = events.get(e.type());
            if (c != null) {
                c.increment();
            }
            if (MarketEvent.FILL.equals(e.type()) && e.hub() != null) {
                fillCounter(e.hub()).increment();
            }
        }
    }

    void snapshotTaken() {
        snapshots.increment();
    }

    void replayed(int count) {
        replayed.increment(count);
    }

    private Counter fillCounter(String hub) {
        return fillsByHub.computeIfAbsent(
                hub,
                h -> Counter.builder("flopx.matching.fills")
                        .tag("hub", h)
                        .description("fills by hub")
                        .register(registry));
    }
}
