package io.flopx.order.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An order event as an entry of {@code market-commands}, the matchers' own log (key: hub), for an order that
 * names exactly one hub: it goes straight to that hub's market instead of through matching-service's
 * sequencer (see OrderEventRecords). matching-service owns the shape (its {@code wire.MarketCommand}); this
 * writes the fields its sequencer writes for such an order: the event's JSON as {@code payload}, a route of
 * the one hub, hop 0, no fills yet. No {@code atSecond}: the market takes the record's timestamp as the
 * second it entered the log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MarketCommand(String kind, String payload, String hub, List<String> route, int hop, int fills) {

    public static final String TOPIC = "market-commands";

    public static MarketCommand order(String hub, String orderEvent) {
        return new MarketCommand("ORDER", orderEvent, hub, List.of(hub), 0, 0);
    }
}
