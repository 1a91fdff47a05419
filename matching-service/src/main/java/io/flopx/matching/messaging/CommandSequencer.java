package io.flopx.matching.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Puts offering events, order events and clock ticks into one sequence, the {@code market-commands}
 * topic, before the engine sees them: the two input topics are consumed independently, so only a log of
 * its own gives the engine an order that a replay reproduces. An input offset is committed after its
 * command is acknowledged; a crash in between appends it twice, which the engine ignores (ids, versions).
 */
@ApplicationScoped
public class CommandSequencer {

    /** One key: one partition, one market, one total order. Hub partitions come with the matching issue. */
    static final String KEY = "market";

    private final MutinyEmitter<Record<String, String>> commands;
    private final ObjectMapper json;

    public CommandSequencer(@Channel("market-commands-out") MutinyEmitter<Record<String, String>> commands,
            ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Incoming("offering-events")
    public Uni<Void> onOffering(String event) {
        return append(new MarketCommand(MarketCommand.OFFERING, event, null));
    }

    @Incoming("order-events")
    public Uni<Void> onOrder(String event) {
        return append(new MarketCommand(MarketCommand.ORDER, event, null));
    }

    public Uni<Void> tick(long nowSecond) {
        return append(new MarketCommand(MarketCommand.CLOCK, null, nowSecond));
    }

    private Uni<Void> append(MarketCommand command) {
        try {
            return commands.send(Record.of(KEY, json.writeValueAsString(command)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
