package io.flopx.matching.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Rebuilds the book by reading the matcher's own command log from its start up to a given offset. */
@ApplicationScoped
public class MarketRecovery {

    private final MarketService market;
    private final String bootstrap;

    public MarketRecovery(MarketService market, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.market = market;
        this.bootstrap = bootstrap;
    }

    /** Applies commands [0, untilOffset) of the partition without publishing anything; returns how many. */
    public int replay(String topic, int partition, long untilOffset) {
        return replay(market, topic, partition, untilOffset);
    }

    /** The same into any market: a second, fresh one rebuilds the same book (compare their state hashes). */
    public int replay(MarketService target, String topic, int partition, long untilOffset) {
        if (untilOffset <= 0) {
            return 0;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        int applied = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (consumer.position(tp) < untilOffset) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1)).records(tp)) {
                    if (r.offset() >= untilOffset) {
                        break;
                    }
                    target.apply(r.value(), partition);
                    applied++;
                }
            }
        }
        return applied;
    }
}
