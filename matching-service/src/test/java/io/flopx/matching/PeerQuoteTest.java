package io.flopx.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What a matcher tells its peers about the hubs it owns (the e2e QuoteAcrossMatchersTest runs two instances):
 * only what the caller whose token it carries may see, and a peer that does not answer leaves its hub out of
 * the quote instead of failing it.
 */
@QuarkusTest
class PeerQuoteTest {

    private static final Instant FROM =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(5, ChronoUnit.DAYS);
    private final String model = "PEER-" + UUID.randomUUID().toString().substring(0, 8);

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void peersSeeOnlyWhatTheCallerMaySee() {
        String hub = "qinghai";
        UUID offering = UUID.randomUUID();
        list(offering, hub);
        String order = """
                {"hub":"%s","filledBefore":0,"passingThrough":false,"order":{"id":"%s","tenant":%s,"throughput":false,
                 "models":["%s"],"quantity":2,"precision":null,"durationHours":1,"earliestStartHour":%d,
                 "latestStartHour":%d,"limitPrice":2000,"currency":"CNY","allowedHubs":["%s"],"maxPueMilli":null,
                 "minGreenRating":null,"interconnect":null,"sameSite":false,"partial":true,"minFill":1,
                 "immediateOrCancel":true,"goodTillSecond":0,"minReliabilityBps":null}}""";
        long hour = FROM.getEpochSecond() / 3600;
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.CAROL))
                        .contentType(ContentType.JSON)
                        .body(order.formatted(
                                hub, UUID.randomUUID(), "\"" + DemoUser.CAROL.tenant() + "\"", model, hour, hour, hub))
                        .post("/peers/quote")
                        .then()
                        .statusCode(200)
                        .body("offeringId", contains(offering.toString()))
                        .body("offeringTenant", contains(nullValue()))
                        .body("siteId", contains(nullValue())));
        // Quoting as another tenant (to see past its self-trade rule, or its sites) is refused.
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .contentType(ContentType.JSON)
                .body(order.formatted(hub, UUID.randomUUID(), "\"p\"", model, hour, hour, hub))
                .post("/peers/quote")
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("order.tenant"));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/peers/offerings")
                .then()
                .statusCode(200)
                .body("findAll { it.model == '" + model + "' }", hasSize(1))
                .body("tenant", everyItem(nullValue()))
                .body("siteId", everyItem(nullValue()));
        given().get("/peers/offerings").then().statusCode(401);
    }

    @Test
    void aHubWhoseOwnerDoesNotAnswerIsLeftOutOfTheQuote() {
        String here = "gansu";
        list(UUID.randomUUID(), here);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.DAVE))
                        .get("/market/depth?hub=" + here + "&model=" + model)
                        .then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200)
                        .body("$", hasSize(1)));
        // Another instance claims a hub, then dies: nothing listens at its address. The order wants more than this
        // hub has, so the quote goes on to the other one.
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-data", "owner|far-hub", """
                        {"type":"HUB_OWNER","hub":"far-hub","url":"http://127.0.0.1:9","at":"%s"}""".formatted(Instant.now())))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.of(DemoUser.CAROL))
                        .contentType(ContentType.JSON)
                        .body("""
                        {"kind":"DEVICES","models":["%s"],"devices":3,"durationHours":1,"earliestStart":"%s","fillPolicy":"PARTIAL","minFill":1,
                         "limitPrice":2000,"currency":"CNY","allowedHubs":["far-hub","%s"]}""".formatted(model, FROM, here))
                        .post("/market/quote")
                        .then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200)
                        .body("complete", equalTo(false))
                        .body("filled", equalTo(2))
                        .body("fills[0].hub", equalTo(here))
                        .body("hubsQuoted", contains(here)));
    }

    private void list(UUID id, String hub) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("offering-events", id.toString(), """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,"tenant":"p",
                 "model":"%s","hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"ROCE","tdpWatts":400,
                 "peakGflops":{"FP16":312000},"devices":2,"availableFrom":"%s","availableUntil":"%s",
                 "pricePerDeviceHour":1500,"currency":"CNY"}""".formatted(
                                UUID.randomUUID(),
                                Instant.now(),
                                id,
                                model,
                                hub,
                                UUID.randomUUID(),
                                FROM,
                                FROM.plus(24, ChronoUnit.HOURS))))
                .awaitCompletion();
    }
}
