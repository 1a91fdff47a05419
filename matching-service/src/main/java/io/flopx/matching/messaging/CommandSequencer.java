package io.flopx.matching.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Puts offering events, order events and clock ticks into {@code market-commands}, keyed by hub, before
 * any market sees them: the input topics are consumed independently, so only a log of their own gives
 * each hub's market an order of commands that a replay reproduces. An offering goes to its hub; an order
 * to the first hub of its route (see HubRouter); an amendment or a cancel to every hub the order may be in.
 * An input offset is committed after its commands are acknowledged; a crash in between appends them twice,
 * which the markets ignore (ids, versions, hops).
 */
@ApplicationScoped
public class CommandSequencer {

    private final MutinyEmitter<Record<String, String>> commands;
    private final HubRouter router;
    private final ObjectMapper json;

    public CommandSequencer(@Channel("market-commands-out") MutinyEmitter<Record<String, String>> commands,
            HubRouter router, ObjectMapper json) {
        this.commands = commands;
        this.router = router;
        this.json = json;
    }

    /** A batch of offering events (whatever one poll returned) is appended at once, in order. */
    @Incoming("offering-events")
    public Uni<Void> onOfferings(List<String> events) {
        List<MarketCommand> commands = new ArrayList<>(events.size());
        for (String event : events) {
            try {
                String hub = json.readTree(event).path("hub").asText(null);
                if (hub != null) {
                    commands.add(MarketCommand.offering(hub, event));
                }
            } catch (JsonProcessingException e) {
                // Nothing can be done with it; the catalog owns the shape and validates before publishing.
            }
        }
        return appendAll(commands);
    }

    @Incoming("order-events")
    public Uni<Void> onOrders(List<String> events) {
        List<MarketCommand> commands = new ArrayList<>(events.size());
        for (String event : events) {
            OrderEvent order;
            try {
                order = json.readValue(event, OrderEvent.class);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (OrderEvent.PLACED.equals(order.type())) {
                commands.add(MarketCommand.order(event, router.route(order)));
            } else {
                router.candidates(order).forEach(hub -> commands.add(MarketCommand.order(event, List.of(hub))));
            }
        }
        return appendAll(commands);
    }

    public Uni<Void> tick(String hub, long nowSecond) {
        return append(MarketCommand.clock(hub, nowSecond));
    }

    /** Hands the commands to the producer in order and completes when all were acknowledged. */
    public Uni<Void> appendAll(List<MarketCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(commands.stream().map(this::append).toList()).andFailFast().replaceWithVoid();
    }

    /** Appends a command (an order forwarded to the next hub of its route, say) as it is. */
    public Uni<Void> append(MarketCommand command) {
        try {
            MarketCommand stamped = command.atSecond() != null ? command
                    : new MarketCommand(command.kind(), command.payload(), Instant.now().getEpochSecond(), command.hub(),
                            command.route(), command.hop(), command.remaining(), command.fills());
            return commands.send(Record.of(command.hub(), json.writeValueAsString(stamped)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
