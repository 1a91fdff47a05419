package io.flopx.order.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flopx.order.service.OrderService;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LeaseEventConsumer {

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofMinutes(5);

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
        return Uni.createFrom().deferred(() -> orders.reverseRefusedFill(event.fillId(), event.reason(), at))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(RETRY_FOR.toMillis());
    }
}
