package io.flopx.matching.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flopx.matching.service.MarketRecovery;
import io.flopx.support.tracing.TraceContext;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.service.Outcome;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Feeds the hub markets from {@code market-commands}, one command at a time, and publishes what they
 * decided (and forwards orders along their routes) before the command's offset is committed. A partition's
 * markets are rebuilt by replaying its log up to the command about to be applied whenever that command is
 * not the one that follows the last applied here: after a start, and when the partition comes back from
 * another instance. What was published before a crash stays published once; what was not is published
 * now, with the same derived ids. A revoked partition's markets are dropped.
 */
@ApplicationScoped
@Identifier("market-commands-rebalance")
public class MarketCommandProcessor implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(MarketCommandProcessor.class);

    private final MarketService market;
    private final MarketRecovery recovery;
    private final MarketEventPublisher publisher;
    private final CommandSequencer sequencer;
    private final MatchingMetrics metrics;
    /** The offset that follows the last command applied, per partition. */
    private final Map<Integer, Long> nextOffset = new ConcurrentHashMap<>();

    public MarketCommandProcessor(MarketService market, MarketRecovery recovery, MarketEventPublisher publisher,
            CommandSequencer sequencer, MatchingMetrics metrics) {
        this.metrics = metrics;
        this.market = market;
        this.recovery = recovery;
        this.publisher = publisher;
        this.sequencer = sequencer;
    }

    /**
     * A batch (whatever one poll returned): each command is applied in order, then everything decided is
     * published and forwarded at once, and the batch is acknowledged when all of it was. Under load a
     * batch grows and costs one round of acknowledgements; when quiet it is one command.
     */
    @Incoming("market-commands")
    @Blocking
    public void process(ConsumerRecords<String, String> records) {
        List<Uni<Void>> sends = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        List<List<MarketEvent>> eventsPerCommand = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            int partition = record.partition();
            Long expected = nextOffset.get(partition);
            if (expected == null || expected != record.offset()) {
                market.forget(partition);
                int replayed = recovery.replay(record.topic(), partition, record.offset());
                metrics.replayed(replayed);
                LOG.infof("markets of %s-%d rebuilt from %d commands; state %s", record.topic(), partition, replayed,
                        market.stateHash());
            }
            Outcome outcome = market.apply(record.value(), partition);
            timestamps.add(record.timestamp());
            eventsPerCommand.add(outcome.events());
            // Each command's events and forwards continue the trace of the command (its record's header).
            String traceparent = TraceContext.of(record.headers());
            sends.add(publisher.publish(outcome.events(), traceparent));
            sends.add(sequencer.appendAll(outcome.forwards(), traceparent));
            nextOffset.put(partition, record.offset() + 1);
        }
        // Subscribed in order, so each partition's events keep the order of the commands that decided them.
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(30));
        }
        for (int i = 0; i < timestamps.size(); i++) {
            metrics.applied(timestamps.get(i), eventsPerCommand.get(i));
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            nextOffset.remove(p.partition());
            market.forget(p.partition());
        }
    }
}
