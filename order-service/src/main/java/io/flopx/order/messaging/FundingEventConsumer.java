package io.flopx.order.messaging;

import io.flopx.order.repository.BuyingPowerStore;
import io.flopx.order.wire.FundingEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each tenant's funding as settlement-service publishes it, for pre-trade risk. Idempotent and
 * order-insensitive (the highest version wins), so redeliveries and a re-read of the compacted topic are
 * harmless.
 */
@ApplicationScoped
public class FundingEventConsumer {

    private final BuyingPowerStore funds;

    public FundingEventConsumer(BuyingPowerStore funds) {
        this.funds = funds;
    }

    @Incoming("funding-events")
    public Uni<Void> onFunding(FundingEvent event) {
        if (event.tenant() == null || event.currency() == null) {
            return Uni.createFrom().voidItem();
        }
        return Patiently.apply(() ->
                funds.fund(event.tenant(), event.currency(), event.paidIn(), event.creditLimit(), event.version()));
    }
}
