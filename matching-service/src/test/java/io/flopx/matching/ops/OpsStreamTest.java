package io.flopx.matching.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's feed, as the gateway reads it: operators only; nothing read from Kafka until someone
 * watches; then a trade appears with its match latency, and the books come from the market data.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class OpsStreamTest {

    private static final Instant FROM =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(5, ChronoUnit.DAYS);

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    LiveMarketFeed feed;

    @TestHTTPResource("/ops/stream")
    URI stream;

    @Test
    void anOperatorWatchesATradeArriveAndNothingIsReadWhileNobodyWatches() throws Exception {
        given().get("/ops/stream").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.DAVE))
                .get("/ops/stream")
                .then()
                .statusCode(403);
        assertFalse(feed.reading(), "the feed reads Kafka before anyone watches");

        AtomicReference<JsonNode> latest = new AtomicReference<>();
        AtomicInteger frames = new AtomicInteger();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stream)
                                .header("Authorization", "Bearer " + TestTokens.of(DemoUser.OLIVIA))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()))) {
                ObjectMapper json = new ObjectMapper();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        latest.set(json.readTree(line.substring(5)));
                        frames.incrementAndGet();
                    }
                }
            } catch (Exception closed) {
                // the test ends the stream
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() >= 3);
            assertTrue(feed.reading(), "the feed does not read while a dashboard watches");

            UUID orderId = UUID.randomUUID();
            String offering = """
                    {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","tenant":"west-gpu-cloud",
                     "model":"MI300X-192GB","hub":"gansu","site":"Qingyang-2","devices":8,"availableFrom":"%s",
                     "availableUntil":"%s","pricePerDeviceHour":1234,"currency":"CNY"}""".formatted(
                            UUID.randomUUID(), Instant.now(), UUID.randomUUID(), FROM, FROM.plus(48, ChronoUnit.HOURS));
            String order = """
                    {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"%s","orderId":"%s","version":0,"tenant":"acme-ai",
                     "kind":"DEVICES","models":["MI300X-192GB"],"devices":3,"durationHours":5,"earliestStart":"%s",
                     "latestStart":"%s","limitPrice":1300,"currency":"CNY","allowedHubs":["gansu"],"sameSite":false,
                     "fillPolicy":"ALL_OR_NONE","timeInForce":"GOOD_TILL","goodTill":"%s","remainingQuantity":3}""".formatted(
                            UUID.randomUUID(), Instant.now(), orderId, FROM, FROM.plus(2, ChronoUnit.HOURS), FROM);
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("offering-events", "gansu", offering))
                    .awaitCompletion();
            // This hub's book of the model (other test classes list the model in other hubs).
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertTrue(
                            java.util.stream.StreamSupport.stream(
                                            latest.get().path("books").spliterator(), false)
                                    .anyMatch(b -> b.path("hub").asText().equals("gansu")
                                            && b.path("model").asText().equals("MI300X-192GB")),
                            String.valueOf(latest.get())));
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("order-events", orderId.toString(), order))
                    .awaitCompletion();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> latest.get()
                            .path("trades")
                            .toString()
                            .contains("\"model\":\"MI300X-192GB\",\"devices\":3,\"pricePerDeviceHour\":1234"));
            JsonNode frame = latest.get();
            long matched = 0;
            for (JsonNode bucket : frame.path("matchLatency")) {
                matched += bucket.path("count").asLong();
            }
            assertTrue(matched >= 1, "the fill's match latency is not counted: " + frame.path("matchLatency"));
            assertTrue(
                    frame.path("hubs").path("gansu").path("offerings").asLong() >= 1,
                    frame.path("hubs").toString());
            // The books are published once a second, the trades come from the feed: wait for the hub's card to
            // name this trade as its last (other tests of the class trade in gansu too, earlier).
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "MI300X-192GB"
                            .equals(latest.get()
                                    .path("hubs")
                                    .path("gansu")
                                    .path("lastTrade")
                                    .path("model")
                                    .asText()));
            JsonNode gansu = latest.get().path("hubs").path("gansu");
            assertEquals(
                    1234, gansu.path("lastTrade").path("pricePerDeviceHour").asLong(), gansu.toString());
            assertEquals("CNY", gansu.path("lastTrade").path("currency").asText(), gansu.toString());
            // The cheapest ask in the hub names its model, currency and first hour; this offering still has
            // 5 devices at 1234, so nothing dearer can be the best.
            JsonNode ask = gansu.path("bestAsk");
            assertTrue(ask.path("pricePerDeviceHour").asLong() <= 1234, gansu.toString());
            assertFalse(ask.path("model").asText().isEmpty(), gansu.toString());
            assertEquals("CNY", ask.path("currency").asText(), gansu.toString());
            if (ask.path("model").asText().equals("MI300X-192GB")) {
                assertEquals(FROM, Instant.parse(ask.path("at").asText()), gansu.toString());
            }
            assertTrue(gansu.path("trades").asLong() >= 1, gansu.toString());
            assertTrue(frame.path("fillsLastMinute").asLong() >= 1, frame.toString());
            assertTrue(frame.has("index"), frame.toString());
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }
}
