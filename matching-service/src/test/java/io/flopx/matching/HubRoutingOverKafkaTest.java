package io.flopx.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Hub markets over the real broker: an order allowing two hubs takes the cheaper hub first, then the
 * other, and rests in the cheaper one, where new capacity fills it; market data shows the trades; a quote
 * explains why an order would not fill and what would fill it.
 */
@QuarkusTest
class HubRoutingOverKafkaTest {

    private static final Instant FROM =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(4, ChronoUnit.DAYS);
    /** A model of this test's own: other tests share the broker and the markets. */
    private final String MODEL = "TEST-" + UUID.randomUUID().toString().substring(0, 8);

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aMultiHubOrderSweepsTheBestHubFirstAndRestsThere() throws Exception {
        list(UUID.randomUUID(), "gansu", 4, 1000);
        list(UUID.randomUUID(), "ningxia", 4, 900);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.DAVE))
                        .get("/market/depth?model=" + MODEL)
                        .then()
                        .statusCode(200)
                        .body("$", hasSize(2)));

        UUID orderId = UUID.randomUUID();
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("order-events", orderId.toString(), """
                {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"%s","orderId":"%s","version":0,"tenant":"acme-ai",
                 "kind":"DEVICES","models":["%s"],"devices":10,"durationHours":2,"earliestStart":"%s","latestStart":"%s",
                 "limitPrice":1200,"currency":"CNY","allowedHubs":["gansu","ningxia"],"sameSite":false,
                 "fillPolicy":"PARTIAL","minFill":1,"timeInForce":"GOOD_TILL","remainingQuantity":10}""".formatted(
                                UUID.randomUUID(), Instant.now(), orderId, MODEL, FROM, FROM)))
                .awaitCompletion();
        List<JsonNode> first = eventsOf(orderId, 3);
        assertEquals(
                List.of("FILL ningxia 4@900", "FILL gansu 4@1000", "ORDER_RESTING ningxia"),
                first.stream().map(HubRoutingOverKafkaTest::describe).toList());

        // New capacity in the best hub meets the resting remainder, at the order's limit.
        list(UUID.randomUUID(), "ningxia", 2, 950);
        List<JsonNode> all = eventsOf(orderId, 4);
        assertEquals("FILL ningxia 2@1200", describe(all.get(3)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.OLIVIA))
                        .get("/market/trades?model=" + MODEL)
                        .then()
                        .statusCode(200)
                        .body("$", hasSize(3))
                        .body("[0].trade.pricePerDeviceHour", equalTo(1200)));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .get("/market/index")
                .then()
                .statusCode(200)
                .body("precision", hasItem("FP16"));
    }

    @Test
    void aQuoteExplainsAndOffersTheNearestAlternative() {
        String hub = "guizhou";
        list(UUID.randomUUID(), hub, 8, 1500);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.DAVE))
                        .get("/market/depth?hub=" + hub + "&model=" + MODEL)
                        .then()
                        .statusCode(200)
                        .body("$", hasSize(1)));
        String later = FROM.plus(2, ChronoUnit.DAYS).toString();
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .contentType(ContentType.JSON)
                .body("""
                {"kind":"DEVICES","models":["%s"],"devices":4,"durationHours":3,"earliestStart":"%s",
                 "limitPrice":1600,"currency":"CNY","allowedHubs":["%s"]}""".formatted(MODEL, later, hub))
                .post("/market/quote")
                .then()
                .statusCode(200)
                .body("complete", equalTo(true))
                .body("cost", equalTo(4 * 3 * 1500))
                .body("fills[0].hub", equalTo(hub));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .contentType(ContentType.JSON)
                .body("""
                {"kind":"DEVICES","models":["%s"],"devices":4,"durationHours":3,"earliestStart":"%s",
                 "limitPrice":1000,"currency":"CNY","allowedHubs":["%s"]}""".formatted(MODEL, later, hub))
                .post("/market/quote")
                .then()
                .statusCode(200)
                .body("complete", equalTo(false))
                .body("reason", containsString("price within the limit"))
                .body("alternatives.limitPriceNeeded", equalTo(1500));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .contentType(ContentType.JSON)
                .body("""
                {"kind":"THROUGHPUT","durationHours":3,"earliestStart":"%s","limitPrice":1000,"currency":"CNY"}""".formatted(later))
                .post("/market/quote")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("throughputGflops"));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .contentType(ContentType.JSON)
                .body("""
                {"kind":"DEVICES","devices":1,"durationHours":0,"earliestStart":"%s","limitPrice":1000,"currency":"CNY"}""".formatted(later))
                .post("/market/quote")
                .then()
                .statusCode(422)
                .body(containsString("durationHours"));
    }

    private void list(UUID id, String hub, int devices, long price) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("offering-events", id.toString(), """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,"tenant":"p",
                 "model":"%s","hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"ROCE","tdpWatts":400,
                 "peakGflops":{"FP16":312000},"devices":%d,"availableFrom":"%s","availableUntil":"%s",
                 "pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                                UUID.randomUUID(),
                                Instant.now(),
                                id,
                                MODEL,
                                hub,
                                UUID.randomUUID(),
                                devices,
                                FROM,
                                FROM.plus(72, ChronoUnit.HOURS),
                                price)))
                .awaitCompletion();
    }

    /** The market events of one order, in the order they were published, once there are {@code count}. */
    private List<JsonNode> eventsOf(UUID orderId, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> kafka
                                .consumeStrings()
                                .fromTopics("market-events", Duration.ofSeconds(3))
                                .awaitCompletion(Duration.ofSeconds(10))
                                .getRecords()
                                .stream()
                                .filter(r -> r.value().contains(orderId.toString()))
                                .sorted((a, b) -> Long.compare(a.timestamp(), b.timestamp()))
                                .map(r -> parse(r.value()))
                                .toList(),
                        events -> events.size() >= count);
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(JsonNode e) {
        return e.path("type").asText().equals("FILL")
                ? "FILL " + e.path("hub").asText() + " " + e.path("devices").asInt() + "@"
                        + e.path("pricePerDeviceHour").asLong()
                : e.path("type").asText() + " " + e.path("hub").asText();
    }
}
