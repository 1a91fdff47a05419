package io.flopx.settlement.messaging;

import io.flopx.settlement.service.TradeSettlement;
import io.flopx.settlement.wire.LeaseEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Fills the provider's capacity ledger refused, from {@code lease-events}: refunded in full. A refusal that
 * arrives before its fill is tried again with back-off, for minutes, before it is parked on the dead-letter
 * topic.
 */
@ApplicationScoped
public class RefusedFillConsumer {

    private final TradeSettlement settlement;

    public RefusedFillConsumer(TradeSettlement settlement) {
        this.settlement = settlement;
    }

    @Incoming("lease-events")
    public Uni<Void> onLeaseEvent(LeaseEvent event) {
        if (!LeaseEvent.FILL_REFUSED.equals(event.type()) || event.fillId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant at = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        return Patiently.apply(() -> settlement.refused(event.fillId(), event.reason(), at));
    }
}
