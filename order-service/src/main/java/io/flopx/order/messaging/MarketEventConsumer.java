package io.flopx.order.messaging;

import io.flopx.order.service.MarketEventApplier;
import io.flopx.order.wire.MarketEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class MarketEventConsumer {

    private final MarketEventApplier applier;

    public MarketEventConsumer(MarketEventApplier applier) {
        this.applier = applier;
    }

    /**
     * Events arrive in batches (what one poll returned) and are applied in one transaction; the offsets are
     * committed after it: a crash replays the batch, and replay is harmless. If the batch fails, each event
     * is applied on its own, a failure (the database restarting, say) retried with back-off for minutes
     * before the event is parked on the dead-letter topic: a fill must not be set aside for a passing outage.
     */
    @Incoming("market-events")
    public Uni<Void> onMarketEvents(List<MarketEvent> events) {
        return Patiently.batchThenEach(events, applier::applyAll, applier::apply);
    }
}
