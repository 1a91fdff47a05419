package io.flopx.matching.messaging;

import io.flopx.matching.wire.MarketEvent;
import io.flopx.support.tracing.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

@ApplicationScoped
public class MarketEventPublisher {

    public static final String CHANNEL = "market-events";
    /** Key of verdicts on orders that name no single hub. */
    public static final String NO_HUB = "any";

    private final MutinyEmitter<Record<String, MarketEvent>> emitter;

    public MarketEventPublisher(@Channel(CHANNEL) MutinyEmitter<Record<String, MarketEvent>> emitter) {
        this.emitter = emitter;
    }

    /**
     * Hands all events to the producer in order without waiting between them (the idempotent producer
     * keeps each partition's order) and completes when every one was acknowledged. Each event is a child
     * of the trace of the command that decided it ({@code traceparent}, or none).
     */
    public Uni<Void> publish(List<MarketEvent> events, String traceparent) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(events.stream()
                        .map(e -> emitter.sendMessage(TraceContext.childOf(
                                traceparent, Message.of(Record.of(e.hub() == null ? NO_HUB : e.hub(), e)))))
                        .toList())
                .andFailFast()
                .replaceWithVoid();
    }
}
