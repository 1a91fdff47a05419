package io.flopx.matching.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flopx.matching.service.MarketRecovery;
import io.flopx.matching.service.MarketService;
import io.smallrye.common.annotation.Blocking;

/**
 * Feeds the engine from {@code market-commands}, one command at a time, and publishes its verdicts and
 * fills before the command's offset is committed. Before the first command after a start, the book is
 * rebuilt by replaying the log up to that command without publishing: what was published before the
 * crash stays published once; what was not is published now, with the same derived ids.
 */
@ApplicationScoped
public class MarketCommandProcessor {

    private static final Logger LOG = Logger.getLogger(MarketCommandProcessor.class);

    private final MarketService market;
    private final MarketRecovery recovery;
    private final MarketEventPublisher publisher;
    private boolean recovered;

    public MarketCommandProcessor(MarketService market, MarketRecovery recovery, MarketEventPublisher publisher) {
        this.market = market;
        this.recovery = recovery;
        this.publisher = publisher;
    }

    @Incoming("market-commands")
    @Blocking
    public void process(ConsumerRecord<String, String> record) {
        if (!recovered) {
            int replayed = recovery.replay(record.topic(), record.partition(), record.offset());
            LOG.infof("book rebuilt from %d commands of %s-%d; state %s", replayed, record.topic(), record.partition(),
                    market.stateHash());
            recovered = true;
        }
        List<MarketEvent> events = market.apply(record.value());
        publisher.publish(events).await().atMost(Duration.ofSeconds(30));
    }
}
