package io.flopx.order.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flopx.order.service.MarketEventApplier;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MarketEventConsumer {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofMinutes(5);

    private final MarketEventApplier applier;

    public MarketEventConsumer(MarketEventApplier applier) {
        this.applier = applier;
    }

    /**
     * The offset is committed after the change is stored: a crash replays the event, and replay is
     * harmless. A failure (the database restarting, say) is retried with back-off for minutes before the
     * event is parked on the dead-letter topic: a fill must not be set aside for a passing outage.
     */
    @Incoming("market-events")
    public Uni<Void> onMarketEvent(MarketEvent event) {
        return Uni.createFrom().deferred(() -> applier.apply(event))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(RETRY_FOR.toMillis());
    }

}
