package io.flopx.matching.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flopx.matching.service.MarketService;
import io.smallrye.mutiny.Uni;

/** Feeds offerings and orders to the engine; offsets are committed only after the verdicts were published. */
@ApplicationScoped
public class MarketInputConsumer {

    private final MarketService market;
    private final MarketEventPublisher publisher;

    public MarketInputConsumer(MarketService market, MarketEventPublisher publisher) {
        this.market = market;
        this.publisher = publisher;
    }

    @Incoming("offering-events")
    public Uni<Void> onOffering(OfferingEvent event) {
        return publisher.publish(market.onOffering(event));
    }

    @Incoming("order-events")
    public Uni<Void> onOrder(OrderEvent event) {
        return publisher.publish(market.onOrder(event));
    }
}
