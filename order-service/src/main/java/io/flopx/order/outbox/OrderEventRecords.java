package io.flopx.order.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.wire.MarketCommand;
import io.flopx.order.wire.OrderEvent;
import io.flopx.support.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an order's events are published, as outbox entries. An order that names exactly one hub has all its
 * events (placement, amendments, cancel) appended straight to that hub's partition of {@code market-commands},
 * the matchers' log, keyed by hub: that is all matching-service's sequencer would do with them, and skipping
 * its pass saves a fetch, a produce and a Kafka hop per event. Its hubs cannot be amended, so all of one order's
 * events stay in one partition, in the order they are published. Any other order's events go to
 * {@code order-events}, keyed by order id, for the sequencer to route.
 */
@ApplicationScoped
public class OrderEventRecords {

    private final ObjectMapper json;

    public OrderEventRecords(ObjectMapper json) {
        this.json = json;
    }

    /** The event {@code type} of order {@code o} as it stands, for the outbox. */
    public OutboxEntry entry(String type, ComputeOrder o, Instant at) {
        try {
            String event = json.writeValueAsString(OrderEvent.of(type, o, at));
            Optional<String> hub = onlyHub(o);
            return hub.isPresent()
                    ? OutboxEntry.of(
                            MarketCommand.TOPIC,
                            hub.get(),
                            json.writeValueAsString(MarketCommand.order(hub.get(), event)),
                            at)
                    : OutboxEntry.of(OrderOutboxRelay.ORDER_EVENTS, o.id.toString(), event, at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one hub an order may trade in, if it names exactly one. */
    static Optional<String> onlyHub(ComputeOrder o) {
        return o.allowedHubs.stream().distinct().count() == 1 ? Optional.of(o.allowedHubs.get(0)) : Optional.empty();
    }
}
