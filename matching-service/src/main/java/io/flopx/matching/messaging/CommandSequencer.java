package io.flopx.matching.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.service.HubRouter;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.OfferingEvent;
import io.flopx.matching.wire.OrderEvent;
import io.flopx.support.tracing.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts offering events, order events and clock ticks into {@code market-commands}, keyed by hub, before
 * any market sees them: the input topics are consumed independently, so only a log of their own gives
 * each hub's market an order of commands that a replay reproduces. An offering goes to its hub; an order
 * to the first hub of its route (see HubRouter); an amendment or a cancel to every hub the order may be in;
 * after an offering, a move for each resting order in another hub that could meet it (see MarketCommand).
 * An input offset is committed after its commands are acknowledged; a crash in between appends them twice:
 * each command names its input record (topic, partition, offset), and a market applies each input record
 * at most once.
 */
@ApplicationScoped
public class CommandSequencer {

    private final MutinyEmitter<Record<String, String>> commands;
    private final HubRouter router;
    private final MarketService markets;
    private final ObjectMapper json;

    public CommandSequencer(
            @Channel("market-commands-out") MutinyEmitter<Record<String, String>> commands,
            HubRouter router,
            MarketService markets,
            ObjectMapper json) {
        this.commands = commands;
        this.router = router;
        this.markets = markets;
        this.json = json;
    }

    /**
     * A batch of offering events (whatever one poll returned) is appended at once, in order; each command
     * continues the trace of the record it came from.
     */
    @Incoming("offering-events")
    public Uni<Void> onOfferings(ConsumerRecords<String, String> records) {
        List<Uni<Void>> appends = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                OfferingEvent offering = json.readValue(record.value(), OfferingEvent.class);
                if (offering.hub() != null) {
                    String traceparent = TraceContext.of(record.headers());
                    appends.add(append(
                            MarketCommand.offering(offering.hub(), record.value())
                                    .from(input(record), record.offset()),
                            traceparent));
                    // Resting orders elsewhere that allow this hub may move to meet it (a hint: each market
                    // decides again in its own log).
                    markets.movesFor(offering).forEach(move -> appends.add(append(move, traceparent)));
                }
            } catch (JsonProcessingException e) {
                // Nothing can be done with it; the catalog owns the shape and validates before publishing.
            }
        }
        return all(appends);
    }

    @Incoming("order-events")
    public Uni<Void> onOrders(ConsumerRecords<String, String> records) {
        List<Uni<Void>> appends = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            String event = record.value();
            String traceparent = TraceContext.of(record.headers());
            OrderEvent order;
            try {
                order = json.readValue(event, OrderEvent.class);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (OrderEvent.PLACED.equals(order.type())) {
                appends.add(append(
                        MarketCommand.order(event, router.route(order)).from(input(record), record.offset()),
                        traceparent));
            } else {
                router.candidates(order)
                        .forEach(hub -> appends.add(append(
                                MarketCommand.order(event, List.of(hub)).from(input(record), record.offset()),
                                traceparent)));
            }
        }
        return all(appends);
    }

    /** The input partition a record came from, as markets remember it. */
    private static String input(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition();
    }

    public Uni<Void> tick(String hub, long nowSecond) {
        return append(MarketCommand.clock(hub, nowSecond));
    }

    /** Hands the commands to the producer in order and completes when all were acknowledged. */
    public Uni<Void> appendAll(List<MarketCommand> commands, String traceparent) {
        return all(commands.stream().map(c -> append(c, traceparent)).toList());
    }

    private static Uni<Void> all(List<Uni<Void>> appends) {
        return appends.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(appends).andFailFast().replaceWithVoid();
    }

    /** Appends a command (a clock tick, an order forwarded to the next hub of its route) outside any trace. */
    public Uni<Void> append(MarketCommand command) {
        return append(command, null);
    }

    /** Appends a command as it is, a child of the trace {@code traceparent} (or of none). */
    public Uni<Void> append(MarketCommand command, String traceparent) {
        try {
            MarketCommand stamped = command.atSecond() != null
                    ? command
                    : command.at(Instant.now().getEpochSecond());
            return commands.sendMessage(TraceContext.childOf(
                    traceparent, Message.of(Record.of(command.hub(), json.writeValueAsString(stamped)))));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
