package io.flopx.catalog.messaging;

import io.flopx.catalog.service.LeaseService;
import io.flopx.catalog.wire.MarketEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class MarketEventConsumer {

    private final LeaseService leases;

    public MarketEventConsumer(LeaseService leases) {
        this.leases = leases;
    }

    /**
     * Fills arrive in batches (what one poll returned) and are recorded in one transaction; the offsets are
     * committed only after it, so a crash replays the fills instead of losing them. If the batch fails, each
     * fill is recorded on its own (an oversell becomes a conflict), a failure (the database restarting, say)
     * retried with back-off for minutes before the event is parked on the dead-letter topic: a fill must not
     * be set aside for a passing outage.
     */
    @Incoming("market-events")
    public Uni<Void> onMarketEvents(List<MarketEvent> events) {
        List<MarketEvent> fills = events.stream().filter(MarketEvent::isFill).toList();
        if (fills.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Patiently.batchThenEach(fills, leases::recordFills, leases::recordFill);
    }
}
