package io.flopx.order.messaging;

import io.flopx.order.service.OrderService;
import io.flopx.order.wire.LeaseEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class LeaseEventConsumer {

    private final OrderService orders;

    public LeaseEventConsumer(OrderService orders) {
        this.orders = orders;
    }

    /**
     * A refused fill is reversed on its order. The refusal can arrive before the fill itself (another topic,
     * another consumer): it is then retried with back-off until the fill is there, for minutes, before it is
     * parked on the dead-letter topic.
     */
    @Incoming("lease-events")
    public Uni<Void> onLeaseEvent(LeaseEvent event) {
        if (!LeaseEvent.FILL_REFUSED.equals(event.type()) || event.fillId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant at = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        return Patiently.apply(() -> orders.reverseRefusedFill(event.fillId(), event.reason(), at));
    }
}
