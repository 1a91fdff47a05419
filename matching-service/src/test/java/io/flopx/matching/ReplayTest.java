package io.flopx.matching;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.service.MarketRecovery;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.service.MarketSnapshot;
import io.flopx.matching.service.SnapshotStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Rebuilding a market, by replaying the matcher's command log or from a snapshot, gives exactly the live book. */
@QuarkusTest
// The snapshot test deletes the log up to the snapshots: it runs after the replay from the log's beginning.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    MarketRecovery recovery;

    @Inject
    SnapshotStore snapshots;

    @Inject
    ObjectMapper mapper;

    @Test
    @Order(1)
    void aReplayOfTheCommandLogGivesTheLiveStateHash() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(5, ChronoUnit.DAYS);
        long before = CommandLog.total(CommandLog.endOffsets(bootstrap));
        for (int i = 0; i < 5; i++) {
            UUID offering = UUID.randomUUID();
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("offering-events", offering.toString(), """
                    {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,
                     "tenant":"p","model":"A100-SXM4-80GB","hub":"gansu","siteId":"%s","pueMilli":1200,"greenRating":4,
                     "interconnect":"ROCE","tdpWatts":400,"peakGflops":{"FP16":312000},"devices":%d,
                     "availableFrom":"%s","availableUntil":"%s","pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                                    UUID.randomUUID(),
                                    Instant.now(),
                                    offering,
                                    offering,
                                    4 + i,
                                    from,
                                    from.plus(24, ChronoUnit.HOURS),
                                    500 + 10 * i)))
                    .awaitCompletion();
            UUID order = UUID.randomUUID();
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("order-events", order.toString(), """
                    {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"%s","orderId":"%s","version":0,"tenant":"e",
                     "kind":"THROUGHPUT","models":[],"throughputGflops":%d,"precision":"FP16","durationHours":3,
                     "earliestStart":"%s","latestStart":"%s","limitPrice":2000,"currency":"CNY","allowedHubs":[],
                     "sameSite":false,"fillPolicy":"PARTIAL","minFill":312000,"timeInForce":"GOOD_TILL",
                     "goodTill":"%s","remainingQuantity":%d}""".formatted(
                                    UUID.randomUUID(),
                                    Instant.now(),
                                    order,
                                    312000L * (3 + i),
                                    from,
                                    from.plus(2, ChronoUnit.HOURS),
                                    from,
                                    312000L * (3 + i))))
                    .awaitCompletion();
        }
        // Other tests write to the same log: wait for our ten commands, then until the live book is still.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> CommandLog.total(CommandLog.endOffsets(bootstrap)) >= before + 10);
        String live = CommandLog.steadyLiveHash();
        Map<TopicPartition, Long> ends = CommandLog.endOffsets(bootstrap);

        MarketService fresh = new MarketService(mapper);
        int replayed = 0;
        for (var end : ends.entrySet()) {
            replayed +=
                    recovery.replay(fresh, end.getKey().topic(), end.getKey().partition(), end.getValue());
        }
        assertTrue(replayed >= 10, "replayed " + replayed);
        assertEquals(live, fresh.stateHash());
    }

    /**
     * The live matcher snapshots its markets to {@code market-snapshots}; a market rebuilt from the newest
     * snapshot is the live one (same state hash), even after the command log before the snapshot is deleted.
     */
    @Test
    @Order(2)
    void aLogTruncatedBeforeTheNewestSnapshotStillRebuildsTheLiveMarkets() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(6, ChronoUnit.DAYS);
        long before = CommandLog.total(CommandLog.endOffsets(bootstrap));
        for (int i = 0; i < 6; i++) {
            UUID offering = UUID.randomUUID();
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("offering-events", offering.toString(), """
                    {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,
                     "tenant":"p","model":"H800-SXM5-80GB","hub":"%s","siteId":"%s","pueMilli":1150,"greenRating":4,
                     "interconnect":"INFINIBAND","tdpWatts":700,"peakGflops":{"FP16":989000},"devices":8,
                     "availableFrom":"%s","availableUntil":"%s","pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                                    UUID.randomUUID(),
                                    Instant.now(),
                                    offering,
                                    i % 2 == 0 ? "guizhou" : "gansu",
                                    offering,
                                    from,
                                    from.plus(24, ChronoUnit.HOURS),
                                    1500 + 10 * i)))
                    .awaitCompletion();
            UUID order = UUID.randomUUID();
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("order-events", order.toString(), """
                    {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"%s","orderId":"%s","version":0,"tenant":"e",
                     "kind":"DEVICES","models":["H800-SXM5-80GB"],"devices":%d,"durationHours":2,
                     "earliestStart":"%s","latestStart":"%s","limitPrice":1800,"currency":"CNY","allowedHubs":["guizhou","gansu"],
                     "sameSite":false,"fillPolicy":"PARTIAL","minFill":1,"timeInForce":"GOOD_TILL","goodTill":"%s"}""".formatted(
                                    UUID.randomUUID(),
                                    Instant.now(),
                                    order,
                                    3 + i,
                                    from,
                                    from.plus(3, ChronoUnit.HOURS),
                                    from)))
                    .awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> CommandLog.total(CommandLog.endOffsets(bootstrap)) >= before + 12);
        String live = CommandLog.steadyLiveHash();
        Map<TopicPartition, Long> ends = CommandLog.endOffsets(bootstrap);

        // The matcher snapshots each partition once its commands are applied (every second in tests).
        Map<TopicPartition, Long> snapshotAt = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var end : ends.entrySet()) {
                Optional<MarketSnapshot> newest = end.getValue() == 0
                        ? Optional.empty()
                        : snapshots.latest(end.getKey().topic(), end.getKey().partition());
                assertTrue(
                        end.getValue() == 0
                                || newest.isPresent() && newest.get().nextOffset() == end.getValue(),
                        end.getKey() + " snapshot at " + newest.map(MarketSnapshot::nextOffset) + ", log ends at "
                                + end.getValue());
                snapshotAt.put(end.getKey(), end.getValue());
            }
        });

        // Retention (or an operator) deletes the log up to each snapshot.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            snapshotAt.forEach((tp, offset) -> deletions.put(tp, RecordsToDelete.beforeOffset(offset)));
            admin.deleteRecords(deletions).all().get();
        }

        MarketService fresh = new MarketService(mapper);
        for (var end : ends.entrySet()) {
            MarketRecovery.Recovered r =
                    recovery.recover(fresh, end.getKey().topic(), end.getKey().partition(), end.getValue());
            assertEquals(0, r.replayed(), end.getKey() + ": nothing to replay after the snapshot");
            assertEquals(end.getValue(), r.nextOffset());
        }
        assertEquals(live, fresh.stateHash());
        assertTrue(fresh.remembered() > 0, "the snapshot carries what the markets remember, not only their books");
    }
}
