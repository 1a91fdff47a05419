package io.flopx.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The public market stream: anyone signed in; a frame at once, then only when the hub's market changes (a
 * listing, a trade), not on every tick of a quiet market.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class MarketStreamTest {

    private static final Instant FROM =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(6, ChronoUnit.DAYS);
    private static final String HUB = "chengyu";
    private static final String MODEL = "MI300X-192GB";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @TestHTTPResource("/market/stream")
    URI stream;

    @Test
    void aBuyerSeesAListingAndATradeArriveAndNothingWhileTheMarketIsQuiet() throws Exception {
        given().get("/market/stream").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.DAVE))
                .queryParam("trades", 0)
                .get("/market/stream")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("trades"));

        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stream + "?hub=" + HUB + "&model=" + MODEL))
                                .header("Authorization", "Bearer " + TestTokens.of(DemoUser.DAVE))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(response.body()))) {
                ObjectMapper json = new ObjectMapper();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        frames.add(json.readTree(line.substring(5)));
                    }
                }
            } catch (Exception closed) {
                // the test ends the stream
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !frames.isEmpty());
            // A quiet market: the stream looks four times a second and sends nothing new.
            Thread.sleep(2_000);
            assertEquals(1, frames.size(), "frames of an unchanged market: " + frames);

            UUID offeringId = UUID.randomUUID();
            String offering = """
                    {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","tenant":"west-gpu-cloud",
                     "model":"%s","hub":"%s","site":"Chongqing-3","devices":8,"availableFrom":"%s",
                     "availableUntil":"%s","pricePerDeviceHour":4321,"currency":"CNY"}""".formatted(
                    UUID.randomUUID(), Instant.now(), offeringId, MODEL, HUB, FROM, FROM.plus(48, ChronoUnit.HOURS));
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("offering-events", HUB, offering))
                    .awaitCompletion();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> last(frames).path("depth").toString().contains("\"bestAsk\":4321"));
            // The hub has a book now, summarised every second: the same market is still not sent again.
            int listed = frames.size();
            Thread.sleep(2_500);
            assertEquals(listed, frames.size(), "frames of a book that did not change: " + frames);

            UUID orderId = UUID.randomUUID();
            String order = """
                    {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"%s","orderId":"%s","version":0,"tenant":"acme-ai",
                     "kind":"DEVICES","models":["%s"],"devices":2,"durationHours":3,"earliestStart":"%s",
                     "latestStart":"%s","limitPrice":5000,"currency":"CNY","allowedHubs":["%s"],"sameSite":false,
                     "fillPolicy":"ALL_OR_NONE","timeInForce":"IMMEDIATE_OR_CANCEL","remainingQuantity":2}""".formatted(
                    UUID.randomUUID(), Instant.now(), orderId, MODEL, FROM, FROM.plus(2, ChronoUnit.HOURS), HUB);
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("order-events", orderId.toString(), order))
                    .awaitCompletion();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> last(frames).path("trades").size() > 0);
            JsonNode trade = last(frames).path("trades").get(0);
            assertEquals(HUB, trade.path("hub").asText(), trade.toString());
            assertEquals(4321, trade.path("trade").path("pricePerDeviceHour").asLong(), trade.toString());
            assertEquals(2, trade.path("trade").path("devices").asInt(), trade.toString());
            for (JsonNode frame : frames) {
                for (JsonNode book : frame.path("depth")) {
                    assertEquals(HUB, book.path("hub").asText(), "another hub's book in the stream: " + book);
                }
            }
            assertTrue(frames.size() < 12, "more frames than the market changed: " + frames.size());
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void theStreamEndsWhenTheCallersTokenExpires() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stream)
                                .header(
                                        "Authorization",
                                        "Bearer " + TestTokens.expiringIn(DemoUser.DAVE, Duration.ofSeconds(4)))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        // Read until the stream ends, or give up after 20 s (a stream that outlives its token never ends).
        CompletableFuture<Integer> frames = CompletableFuture.supplyAsync(() -> {
            int data = 0;
            try (var lines = new BufferedReader(new InputStreamReader(response.body()))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    data += line.startsWith("data:") ? 1 : 0;
                }
            } catch (IOException closed) {
                return -1;
            }
            return data;
        });
        try {
            assertTrue(frames.get(20, TimeUnit.SECONDS) >= 1, "no frame before the end");
        } catch (TimeoutException e) {
            response.body().close();
            throw new AssertionError("the stream outlived the caller's token by more than 16 s");
        }
    }

    private static JsonNode last(List<JsonNode> frames) {
        return frames.get(frames.size() - 1);
    }
}
