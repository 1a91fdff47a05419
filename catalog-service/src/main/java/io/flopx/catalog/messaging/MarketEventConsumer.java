package io.flopx.catalog.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flopx.catalog.service.LeaseService;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MarketEventConsumer {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofMinutes(5);

    private final LeaseService leases;

    public MarketEventConsumer(LeaseService leases) {
        this.leases = leases;
    }

    /**
     * The offset is committed only after the lease is stored, so a crash replays the fill instead of
     * losing it. A failure (the database restarting, say) is retried with back-off for minutes before the
     * event is parked on the dead-letter topic: a fill must not be set aside for a passing outage.
     */
    @Incoming("market-events")
    public Uni<Void> onMarketEvent(MarketEvent event) {
        if (!event.isFill()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> leases.recordFill(event))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(RETRY_FOR.toMillis());
    }

}
