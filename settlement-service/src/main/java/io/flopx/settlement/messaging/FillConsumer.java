package io.flopx.settlement.messaging;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.service.TradeSettlement;
import io.flopx.settlement.wire.MarketEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Fills from {@code market-events}, settled in batches (what one poll returned) in one transaction, the offsets
 * committed after it: a crash replays the batch, and replay moves nothing twice (entries keyed by fill). Other
 * market events carry no money and are skipped.
 */
@ApplicationScoped
public class FillConsumer {

    private final TradeSettlement settlement;

    public FillConsumer(TradeSettlement settlement) {
        this.settlement = settlement;
    }

    @Incoming("market-events")
    public Uni<Void> onMarketEvents(List<MarketEvent> events) {
        List<Lease> fills = events.stream()
                .filter(FillConsumer::isFill)
                .map(FillConsumer::lease)
                .toList();
        if (fills.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Patiently.batchThenEach(fills, settlement::traded, fill -> settlement.traded(List.of(fill)));
    }

    private static boolean isFill(MarketEvent e) {
        return MarketEvent.FILL.equals(e.type())
                && e.eventId() != null
                && e.cost() > 0
                && e.enterpriseTenant() != null
                && e.providerTenant() != null
                && e.currency() != null
                && e.start() != null
                && e.end() != null
                && e.end().isAfter(e.start());
    }

    private static Lease lease(MarketEvent e) {
        return Lease.traded(
                e.eventId(),
                e.orderId(),
                e.offeringId(),
                e.enterpriseTenant(),
                e.providerTenant(),
                e.hub() == null ? "" : e.hub(),
                e.currency(),
                e.devices(),
                e.start(),
                e.end(),
                e.cost(),
                e.occurredAt() == null ? Instant.now() : e.occurredAt());
    }
}
