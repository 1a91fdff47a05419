package io.flopx.matching;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.matching.messaging.MarketCommandProcessor;
import io.flopx.matching.service.MarketService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A partition's hand-over between instances. A book that changed just before its partition moves to another
 * instance is published by the instance that applied the change, at the revocation; and the instance it comes to
 * rebuilds its markets at the assignment. The next owner publishes a hub's book only once it applies a command
 * of its own, so before, a listing applied in the last second before a matcher joined stayed out of the
 * published market until the hub's next command (minutes in a quiet hub; seen in e2e QuoteAcrossMatchersTest).
 */
@QuarkusTest
@TestProfile(RevokedPartitionTest.NoScheduledMarketData.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class RevokedPartitionTest {

    /** Market data only when something other than the schedule publishes it: the race, made certain. */
    public static class NoScheduledMarketData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flopx.matching.market-data-interval", "off");
        }
    }

    private static final String HUB = "gansu";
    private static final String MODEL = "L40S-48GB";
    private static final long PRICE = 777;

    @Inject
    MarketService market;

    @Inject
    @Identifier("market-commands-rebalance")
    MarketCommandProcessor processor;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aBookChangedJustBeforeItsPartitionIsRevokedIsPublishedThenRebuiltWhereItIsAssigned() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.DAYS);
        String offering = """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","tenant":"west-gpu-cloud",
                 "model":"%s","hub":"%s","site":"Jiuquan-1","devices":4,"availableFrom":"%s",
                 "availableUntil":"%s","pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                        UUID.randomUUID(),
                        Instant.now(),
                        UUID.randomUUID(),
                        MODEL,
                        HUB,
                        from,
                        from.plus(24, ChronoUnit.HOURS),
                        PRICE);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("offering-events", HUB, offering))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> market.summaries(Instant.now()).stream()
                        .anyMatch(b -> HUB.equals(b.hub())
                                && MODEL.equals(b.model())
                                && Long.valueOf(PRICE).equals(b.bestAsk())));

        // Another instance takes every partition (this one owns them all): as the consumer's rebalance does it.
        List<TopicPartition> all =
                kafka.topics().describe("market-commands").get("market-commands").partitions().stream()
                        .map(p -> new TopicPartition("market-commands", p.partition()))
                        .toList();
        processor.onPartitionsRevoked(null, all);

        List<ConsumerRecord<String, String>> published = kafka.consumeStrings()
                .fromTopics("market-data", Duration.ofSeconds(5))
                .awaitCompletion(Duration.ofSeconds(30))
                .getRecords();
        assertTrue(
                published.stream()
                        .anyMatch(r -> (HUB + "|" + MODEL + "|CNY").equals(r.key())
                                && r.value().contains("\"bestAsk\":" + PRICE)),
                "no market data for the listing: "
                        + published.stream().map(ConsumerRecord::key).toList());
        assertTrue(market.hubs().isEmpty(), "the revoked markets are forgotten here: " + market.hubs());

        // And they come back, rebuilt at the assignment rather than at the hub's next command (none comes here):
        // where the consumer will read each partition from, as the rebalance's own consumer knows it.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "matching-engine",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(all);
            processor.onPartitionsAssigned(consumer, all);
        }
        assertTrue(
                market.summaries(Instant.now()).stream()
                        .anyMatch(
                                b -> HUB.equals(b.hub()) && Long.valueOf(PRICE).equals(b.bestAsk())),
                "the listing's market is not back: " + market.hubs());
    }
}
