package io.flopx.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flopx.catalog.service.LeaseService;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MarketEventConsumer {

    private final LeaseService leases;

    public MarketEventConsumer(LeaseService leases) {
        this.leases = leases;
    }

    /** The offset is committed only after the lease is stored, so a crash replays the fill instead of losing it. */
    @Incoming("market-events")
    public Uni<Void> onMarketEvent(MarketEvent event) {
        return event.isFill() ? leases.recordFill(event) : Uni.createFrom().voidItem();
    }
}
