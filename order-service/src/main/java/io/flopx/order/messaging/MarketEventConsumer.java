package io.flopx.order.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flopx.order.service.MarketEventApplier;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MarketEventConsumer {

    private final MarketEventApplier applier;

    public MarketEventConsumer(MarketEventApplier applier) {
        this.applier = applier;
    }

    /** The offset is committed after the change is stored: a crash replays the event, and replay is harmless. */
    @Incoming("market-events")
    public Uni<Void> onMarketEvent(MarketEvent event) {
        return applier.apply(event);
    }
}
