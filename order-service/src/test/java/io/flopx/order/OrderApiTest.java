package io.flopx.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flopx.testsupport.DemoUser;
import io.flopx.testsupport.KafkaTestResource;
import io.flopx.testsupport.OidcTestResource;
import io.flopx.testsupport.PostgresTestResource;
import io.flopx.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class OrderApiTest {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.DAYS);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(TestTokens.of(user)).contentType(ContentType.JSON);
    }

    static Map<String, Object> order(int devices) {
        Map<String, Object> o = new HashMap<>();
        o.put("model", "H100-SXM5-80GB");
        o.put("devices", devices);
        o.put("durationHours", 4);
        o.put("earliestStart", START.toString());
        o.put("limitPricePerDeviceHour", 2000);
        o.put("currency", "CNY");
        o.put("hubs", List.of("gansu", "ningxia"));
        o.put("clientReference", "train-run-7");
        return o;
    }

    String place(DemoUser user, int devices) {
        return as(user).body(order(devices)).post("/orders").then().statusCode(201).extract().path("id");
    }

    @Test
    void enterprisePlacesAnOrderWhichIsStoredAndPublished() {
        String id = as(DemoUser.CAROL).body(order(8)).post("/orders").then().statusCode(201)
                .body("status", equalTo("ACCEPTED"), "tenant", equalTo("acme-ai"), "hubs", hasItem("ningxia"),
                        "latestStart", equalTo(START.toString()))
                .extract().path("id");
        as(DemoUser.CAROL).get("/orders/" + id).then().statusCode(200).body("clientReference", equalTo("train-run-7"));
        ConsumerRecord<String, String> event = kafka.consumeStrings().fromTopics("order-events")
                .awaitRecords(1, Duration.ofSeconds(20)).getRecords().stream()
                .filter(r -> r.value().contains(id)).findFirst().orElseThrow();
        assertEquals(id, event.key());
        assertTrue(event.value().contains("\"type\":\"ORDER_PLACED\""), event.value());
    }

    @Test
    void oneEnterpriseCannotReadAnothersOrder() {
        String id = place(DemoUser.CAROL, 2);
        as(DemoUser.DAVE).get("/orders/" + id).then().statusCode(404).contentType("application/problem+json");
        as(DemoUser.DAVE).get("/orders").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void onlyEnterprisesPlaceOrders() {
        given().contentType(ContentType.JSON).body(order(1)).post("/orders").then().statusCode(401);
        as(DemoUser.ALICE).body(order(1)).post("/orders").then().statusCode(403);
        as(DemoUser.OLIVIA).get("/orders").then().statusCode(403);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        int before = as(DemoUser.DAVE).get("/orders").then().extract().path("size()");
        Map<String, Object> noDuration = order(1);
        noDuration.put("durationHours", 0);
        as(DemoUser.DAVE).body(noDuration).post("/orders").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("durationHours"));
        Map<String, Object> backwards = order(1);
        backwards.put("latestStart", START.minus(1, ChronoUnit.HOURS).toString());
        as(DemoUser.DAVE).body(backwards).post("/orders").then().statusCode(422)
                .body("errors[0].field", equalTo("latestStart"));
        Map<String, Object> sneaky = order(1);
        sneaky.put("status", "FILLED");
        sneaky.put("tenant", "acme-ai");
        String id = as(DemoUser.DAVE).body(sneaky).post("/orders").then().statusCode(201)
                .body("status", equalTo("ACCEPTED"), "tenant", equalTo("bluesky-bio")).extract().path("id");
        as(DemoUser.DAVE).get("/orders").then().body("size()", equalTo(before + 1)).body("id", hasItem(id));
    }

    @Test
    void fillsAreAppliedOnceAndCompleteTheOrder() {
        String id = place(DemoUser.CAROL, 8);
        String resting = marketEvent(UUID.randomUUID(), "ORDER_RESTING", id, 0, 0);
        kafka.produceStrings().fromRecords(new ProducerRecord<>("market-events", "gansu", resting)).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(DemoUser.CAROL).get("/orders/" + id)
                .then().body("status", equalTo("RESTING")));

        UUID fillA = UUID.randomUUID();
        UUID fillB = UUID.randomUUID();
        String a = marketEvent(fillA, "FILL", id, 5, 1800);
        String b = marketEvent(fillB, "FILL", id, 3, 1900);
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>("market-events", "gansu", a),
                new ProducerRecord<>("market-events", "gansu", a),
                new ProducerRecord<>("market-events", "gansu", b),
                new ProducerRecord<>("market-events", "gansu", resting)).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(DemoUser.CAROL).get("/orders/" + id)
                .then().body("status", equalTo("FILLED"), "fills", hasSize(2), "filledDevices", equalTo(8),
                        "totalCost", equalTo(5 * 4 * 1800 + 3 * 4 * 1900), "deviceHours", equalTo(32)));
    }

    private static String marketEvent(UUID eventId, String type, String orderId, int devices, long price) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"%s","hub":"gansu","orderId":"%s",
                 "enterpriseTenant":"acme-ai","offeringId":"%s","providerTenant":"west-gpu-cloud",
                 "model":"H100-SXM5-80GB","devices":%d,"start":"%s","end":"%s","pricePerDeviceHour":%d,
                 "cost":%d,"currency":"CNY","reason":"waiting for capacity"}"""
                .formatted(eventId, type, Instant.now(), orderId, UUID.randomUUID(), devices, START,
                        START.plus(4, ChronoUnit.HOURS), price, devices * 4 * price);
    }
}
