package io.flopx.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class MatchingOverKafkaTest {

    private static final Instant FROM =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.DAYS);

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void anOfferingAndAnOrderBecomeOneFillOnMarketEventsEvenWhenTheOrderIsRedelivered() {
        UUID offeringId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        String offering =
                """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","tenant":"west-gpu-cloud",
                 "model":"L40S-48GB","hub":"ningxia","site":"Zhongwei-1","devices":16,"availableFrom":"%s",
                 "availableUntil":"%s","pricePerDeviceHour":900,"currency":"CNY"}""".formatted(UUID.randomUUID(), Instant.now(), offeringId, FROM, FROM.plus(48, ChronoUnit.HOURS));
        String order =
                """
                {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"%s","orderId":"%s","version":0,"tenant":"acme-ai",
                 "kind":"DEVICES","models":["L40S-48GB"],"devices":10,"durationHours":6,"earliestStart":"%s",
                 "latestStart":"%s","limitPrice":1000,"currency":"CNY","allowedHubs":["ningxia"],"sameSite":false,
                 "fillPolicy":"ALL_OR_NONE","timeInForce":"GOOD_TILL","goodTill":"%s","remainingQuantity":10}""".formatted(UUID.randomUUID(), Instant.now(), orderId, FROM, FROM.plus(2, ChronoUnit.HOURS), FROM);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("offering-events", "ningxia", offering))
                .awaitCompletion();
        // The two topics are consumed independently: wait until the offering is booked, so the order meets it.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.DAVE))
                        .get("/market/depth")
                        .then()
                        .statusCode(200)
                        .body("model", hasItem("L40S-48GB")));
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>("order-events", orderId.toString(), order),
                        new ProducerRecord<>("order-events", orderId.toString(), order))
                .awaitCompletion();

        // Consume for a while rather than up to the first record, so that a duplicate fill would be seen.
        List<ConsumerRecord<String, String>> fills = kafka
                .consumeStrings()
                .fromTopics("market-events", Duration.ofSeconds(8))
                .awaitCompletion(Duration.ofSeconds(30))
                .getRecords()
                .stream()
                .filter(r -> r.value().contains(orderId.toString()))
                .filter(r -> r.value().contains("\"type\":\"FILL\""))
                .toList();
        assertEquals(1, fills.size(), fills.toString());
        ConsumerRecord<String, String> fill = fills.get(0);
        assertEquals("ningxia", fill.key());
        assertTrue(fill.value().contains("\"cost\":54000"), fill.value());
        assertTrue(fill.value().contains("\"offeringId\":\"" + offeringId + "\""), fill.value());

        given().get("/market/depth").then().statusCode(401);
    }
}
