package io.flopx.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
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
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class CatalogApiTest {

    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);

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

    static Map<String, Object> offering(String model, int devices) {
        return Map.of("model", model, "hub", "gansu", "site", "Qingyang DC-1", "devices", devices,
                "availableFrom", FROM.toString(), "availableUntil", FROM.plus(24, ChronoUnit.HOURS).toString(),
                "pricePerDeviceHour", 1450, "currency", "CNY");
    }

    @Test
    void providerListsAnOfferingWhichIsStoredAndPublishedKeyedByHub() {
        String id = as(DemoUser.ALICE).body(offering("H100-SXM5-80GB", 8))
                .when().post("/offerings")
                .then().statusCode(201)
                .body("tenant", equalTo("west-gpu-cloud"), "status", equalTo("ACTIVE"), "devices", equalTo(8))
                .extract().path("id");

        as(DemoUser.ALICE).get("/offerings/" + id).then().statusCode(200).body("model", equalTo("H100-SXM5-80GB"));
        as(DemoUser.ALICE).get("/offerings").then().statusCode(200).body("id", hasItem(id));

        ConsumerRecord<String, String> event = kafka.consumeStrings().fromTopics("offering-events")
                .awaitRecords(1, Duration.ofSeconds(20)).getRecords().stream()
                .filter(r -> r.value().contains(id)).findFirst().orElseThrow();
        assertEquals("gansu", event.key());
        assertTrue(event.value().contains("\"type\":\"OFFERING_LISTED\""), event.value());
    }

    @Test
    void anotherTenantCannotReadTheOffering() {
        String id = as(DemoUser.ALICE).body(offering("A100-SXM4-80GB", 4)).post("/offerings")
                .then().statusCode(201).extract().path("id");
        as(DemoUser.BOB).get("/offerings/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        as(DemoUser.BOB).get("/offerings").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void withoutTokenOrWithWrongRoleOrAudienceItIsRefused() {
        given().contentType(ContentType.JSON).body(offering("H100-SXM5-80GB", 1)).post("/offerings")
                .then().statusCode(401);
        as(DemoUser.CAROL).body(offering("H100-SXM5-80GB", 1)).post("/offerings").then().statusCode(403);
        String wrongAudience = TestTokens.mint("mallory", "west-gpu-cloud", Set.of("provider"), "some-other-api");
        given().auth().oauth2(wrongAudience).contentType(ContentType.JSON).body(offering("H100-SXM5-80GB", 1))
                .post("/offerings").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        as(DemoUser.ALICE).body(offering("H100-SXM5-80GB", 0)).post("/offerings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("devices"));
        as(DemoUser.ALICE).body(offering("NO-SUCH-GPU", 2)).post("/offerings")
                .then().statusCode(422).body("errors[0].field", equalTo("model"));
        var notAligned = new java.util.HashMap<>(offering("H100-SXM5-80GB", 2));
        notAligned.put("availableFrom", FROM.plus(30, ChronoUnit.MINUTES).toString());
        as(DemoUser.ALICE).body(notAligned).post("/offerings")
                .then().statusCode(422).body("errors[0].field", equalTo("availableFrom"));
        as(DemoUser.ALICE).body("{\"devices\": \"many\"}").post("/offerings")
                .then().statusCode(400).body("errors[0].field", equalTo("devices"));
        as(DemoUser.ALICE).body("{not json").post("/offerings").then().statusCode(400);
    }

    @Test
    void aFillBecomesOneLeaseEvenWhenRedelivered() {
        String offeringId = as(DemoUser.BOB).body(offering("MI300X-192GB", 16)).post("/offerings")
                .then().statusCode(201).extract().path("id");
        String fillId = UUID.randomUUID().toString();
        String fill = """
                {"eventId":"%s","type":"FILL","occurredAt":"%s","hub":"gansu","orderId":"%s",
                 "enterpriseTenant":"acme-ai","offeringId":"%s","providerTenant":"yangtze-compute",
                 "model":"MI300X-192GB","devices":4,"start":"%s","end":"%s","pricePerDeviceHour":1450,
                 "cost":23200,"currency":"CNY"}""".formatted(fillId, Instant.now(), UUID.randomUUID(), offeringId,
                FROM, FROM.plus(4, ChronoUnit.HOURS));
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>("market-events", "gansu", fill),
                new ProducerRecord<>("market-events", "gansu", fill)).awaitCompletion();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(DemoUser.BOB).get("/leases")
                .then().statusCode(200).body("id", hasItem(fillId)));
        // Give the duplicate time to arrive, then check it changed nothing.
        kafka.produceStrings().fromRecords(new ProducerRecord<>("market-events", "gansu", fill)).awaitCompletion();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> as(DemoUser.BOB)
                .get("/leases").then().body("findAll { it.id == '" + fillId + "' }", hasSize(1))
                .body("find { it.id == '" + fillId + "' }.cost", equalTo(23200)));
        as(DemoUser.ALICE).get("/leases").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(fillId)));
    }

    @Test
    void referenceDataIsSeededAndReadableByAnyoneSignedIn() {
        as(DemoUser.CAROL).get("/models").then().statusCode(200)
                .body("find { it.id == 'H100-SXM5-80GB' }.fp16Gflops", equalTo(989400))
                .body("find { it.id == 'H100-SXM5-80GB' }.tdpWatts", equalTo(700));
        as(DemoUser.OLIVIA).get("/hubs").then().statusCode(200).body("$", hasSize(8));
        given().get("/models").then().statusCode(401);
    }
}
