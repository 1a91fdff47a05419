package io.flopx.catalog.messaging;

import io.flopx.catalog.service.ReliabilityService;
import io.flopx.catalog.wire.DeliveryEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Leases' delivery summaries from {@code delivery-events} (batches of what one poll returned, the newest
 * summary of a lease wins), for reliability scores. Delivery records themselves are settlement-service's.
 */
@ApplicationScoped
public class DeliveryEventConsumer {

    private final ReliabilityService reliability;

    public DeliveryEventConsumer(ReliabilityService reliability) {
        this.reliability = reliability;
    }

    @Incoming("delivery-events")
    public Uni<Void> onDelivery(List<DeliveryEvent> events) {
        List<DeliveryEvent> summaries =
                events.stream().filter(DeliveryEvent::isSummary).toList();
        return summaries.isEmpty()
                ? Uni.createFrom().voidItem()
                : Patiently.apply(() -> reliability.summarised(summaries));
    }
}
