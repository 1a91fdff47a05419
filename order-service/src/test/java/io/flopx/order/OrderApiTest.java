package io.flopx.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(CatalogStubResource.class)
class OrderApiTest {

    private static final Instant START =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.DAYS);

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(TestTokens.of(user)).contentType(ContentType.JSON);
    }

    /** Dave's one-device order with {@code field} set to {@code value} is refused, naming {@code named}. */
    private static void assertOrderRefused(String field, Object value, int status, String named) {
        Map<String, Object> order = devicesOrder(1);
        order.put(field, value);
        as(DemoUser.DAVE).body(order).post("/orders").then().statusCode(status).body("errors[0].field", equalTo(named));
    }

    static Map<String, Object> devicesOrder(int devices) {
        Map<String, Object> o = new HashMap<>();
        o.put("kind", "DEVICES");
        o.put("models", List.of("H100-SXM5-80GB", "H200-SXM-141GB"));
        o.put("devices", devices);
        o.put("durationHours", 4);
        o.put("earliestStart", START.toString());
        o.put("latestStart", START.plus(6, ChronoUnit.HOURS).toString());
        o.put("limitPrice", 2000);
        o.put("currency", "CNY");
        o.put("hubs", List.of("gansu", "ningxia"));
        o.put("clientReference", "train-run-7");
        return o;
    }

    static Map<String, Object> throughputOrder(String tflops) {
        Map<String, Object> o = devicesOrder(1);
        o.remove("devices");
        o.put("models", List.of());
        o.put("kind", "THROUGHPUT");
        o.put("tflops", new BigDecimal(tflops));
        o.put("precision", "FP16");
        o.put("limitPrice", 1500);
        o.put("fillPolicy", "PARTIAL");
        o.put("minFill", 1000);
        o.put("maxPue", 1.3);
        o.put("minGreenRating", "4A");
        o.put("interconnect", "INFINIBAND");
        return o;
    }

    String place(DemoUser user, Map<String, Object> order) {
        return as(user).body(order)
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    List<ConsumerRecord<String, String>> orderEvents(String orderId, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> kafka
                                .consumeStrings()
                                .fromTopics("order-events", Duration.ofSeconds(2))
                                .awaitCompletion(Duration.ofSeconds(10))
                                .getRecords()
                                .stream()
                                .filter(r -> orderId.equals(r.key()))
                                .toList(),
                        list -> list.size() >= count);
    }

    void market(String orderId, String type, String reason) {
        String event = """
                {"eventId":"%s","type":"%s","occurredAt":"%s","hub":"gansu","orderId":"%s","enterpriseTenant":"acme-ai",
                 "reason":"%s"}""".formatted(UUID.randomUUID(), type, Instant.now(), orderId, reason);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", event))
                .awaitCompletion();
    }

    static String fill(String orderId, UUID fillId, int devices, long price, Long gflopsPerDevice) {
        return """
                {"eventId":"%s","type":"FILL","occurredAt":"%s","hub":"gansu","orderId":"%s",
                 "enterpriseTenant":"acme-ai","offeringId":"%s","providerTenant":"west-gpu-cloud","siteId":"%s",
                 "model":"H100-SXM5-80GB","pueMilli":1250,"tdpWatts":700,"gflopsPerDevice":%s,"devices":%d,
                 "start":"%s","end":"%s","pricePerDeviceHour":%d,"cost":%d,"currency":"CNY"}""".formatted(
                        fillId,
                        Instant.now(),
                        orderId,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        gflopsPerDevice,
                        devices,
                        START,
                        START.plus(4, ChronoUnit.HOURS),
                        price,
                        devices * 4 * price);
    }

    @Test
    void aDevicesOrderIsStoredAndPublishedThroughTheOutboxKeyedByOrderId() {
        String id = as(DemoUser.CAROL)
                .body(devicesOrder(8))
                .post("/orders")
                .then()
                .statusCode(201)
                .body(
                        "status",
                        equalTo("ACCEPTED"),
                        "tenant",
                        equalTo("acme-ai"),
                        "kind",
                        equalTo("DEVICES"),
                        "limitPriceUnit",
                        equalTo("per device-hour"),
                        "fillPolicy",
                        equalTo("ALL_OR_NONE"),
                        "timeInForce",
                        equalTo("GOOD_TILL"),
                        "goodTill",
                        equalTo(START.plus(6, ChronoUnit.HOURS).toString()))
                .extract()
                .path("id");
        ConsumerRecord<String, String> event = orderEvents(id, 1).get(0);
        assertTrue(
                event.value().contains("\"type\":\"ORDER_PLACED\"")
                        && event.value().contains("\"remainingQuantity\":8"),
                event.value());
        as(DemoUser.CAROL)
                .get("/orders/" + id)
                .then()
                .statusCode(200)
                .body("history.status", contains("ACCEPTED"), "clientReference", equalTo("train-run-7"));
    }

    /**
     * An order naming one hub skips the matchers' sequencer: its placement, amendment and cancel are appended,
     * in that order, straight to the hub's partition of market-commands (key: hub), each as the command the
     * sequencer would have made (the event as payload, a route of that hub, hop 0), with no second of its own
     * (the market takes the record's timestamp); order-events never carries them.
     */
    @Test
    void anOrderNamingOneHubGoesStraightToThatHubsMarketCommands() throws Exception {
        Map<String, Object> order = devicesOrder(2);
        order.put("hubs", List.of("gansu"));
        String id = place(DemoUser.CAROL, order);
        as(DemoUser.CAROL)
                .body(Map.of("limitPrice", 2100))
                .patch("/orders/" + id)
                .then()
                .statusCode(200);
        as(DemoUser.CAROL).post("/orders/" + id + "/cancel").then().statusCode(202);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> commands = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<com.fasterxml.jackson.databind.JsonNode> mine = new java.util.ArrayList<>();
                            for (ConsumerRecord<String, String> r : kafka.consumeStrings()
                                    .fromTopics("market-commands", Duration.ofSeconds(2))
                                    .awaitCompletion(Duration.ofSeconds(10))
                                    .getRecords()) {
                                var command = json.readTree(r.value());
                                if (json.readTree(command.path("payload").asText())
                                        .path("orderId")
                                        .asText()
                                        .equals(id)) {
                                    assertEquals("gansu", r.key(), r.value());
                                    mine.add(command);
                                }
                            }
                            return mine;
                        },
                        list -> list.size() >= 3);
        List<String> types = new java.util.ArrayList<>();
        for (var c : commands) {
            types.add(json.readTree(c.path("payload").asText()).path("type").asText());
            assertEquals("ORDER", c.path("kind").asText(), c.toString());
            assertEquals("gansu", c.path("hub").asText(), c.toString());
            assertEquals("[\"gansu\"]", c.path("route").toString(), c.toString());
            assertEquals(0, c.path("hop").asInt(-1), c.toString());
            assertTrue(!c.has("atSecond") && !c.has("input"), c.toString());
        }
        assertEquals(List.of("ORDER_PLACED", "ORDER_AMENDED", "ORDER_CANCEL_REQUESTED"), types);
        assertTrue(
                kafka
                        .consumeStrings()
                        .fromTopics("order-events", Duration.ofSeconds(2))
                        .awaitCompletion(Duration.ofSeconds(10))
                        .getRecords()
                        .stream()
                        .noneMatch(r -> id.equals(r.key())),
                "an order naming one hub reached order-events");
    }

    /**
     * A placement's event is handed to the relay and sent at once; it is marked published a few milliseconds
     * later. A cancel in that window makes the relay flush the outbox: the placement's event, unpublished in
     * the table but already on its way, must not be sent a second time, and every event ends up marked.
     */
    @Test
    void eachPlacementIsPublishedOnceWhileFlushesRaceItsHandOver() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(place(DemoUser.CAROL, devicesOrder(1)));
            if (i > 0) {
                as(DemoUser.CAROL)
                        .post("/orders/" + ids.get(i - 1) + "/cancel")
                        .then()
                        .statusCode(202);
            }
        }
        try (var c = OrderDatabase.connect()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (var rs =
                        c.createStatement().executeQuery("select count(*) from outbox where published_at is null")) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            });
        }
        Map<String, Long> placedEvents = kafka
                .consumeStrings()
                .fromTopics("order-events", Duration.ofSeconds(3))
                .awaitCompletion(Duration.ofSeconds(10))
                .getRecords()
                .stream()
                .filter(r -> ids.contains(r.key()) && r.value().contains("\"type\":\"ORDER_PLACED\""))
                .collect(java.util.stream.Collectors.groupingBy(
                        ConsumerRecord::key, java.util.stream.Collectors.counting()));
        assertEquals(ids.size(), placedEvents.size(), "orders whose placement was published: " + placedEvents.keySet());
        assertEquals(
                Map.of(),
                placedEvents.entrySet().stream()
                        .filter(e -> e.getValue() != 1)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "placements published more than once");
    }

    @Test
    void aThroughputOrderIsPricedPerPflopHourAtItsPrecision() {
        as(DemoUser.CAROL)
                .body(throughputOrder("5000.5"))
                .post("/orders")
                .then()
                .statusCode(201)
                .body(
                        "kind",
                        equalTo("THROUGHPUT"),
                        "tflops",
                        equalTo(5000.5f),
                        "precision",
                        equalTo("FP16"),
                        "limitPriceUnit",
                        equalTo("per PFLOP-hour at FP16"),
                        "minFill",
                        equalTo(1000),
                        "maxPue",
                        equalTo(1.3f),
                        "minGreenRating",
                        equalTo("4A"),
                        "interconnect",
                        equalTo("INFINIBAND"));
    }

    @Test
    void theSamePostTwiceWithOneKeyMakesOneOrder() {
        String key = "retry-" + UUID.randomUUID();
        int before = as(DemoUser.DAVE).get("/orders?size=100").then().extract().path("size()");
        String first = as(DemoUser.DAVE)
                .header("Idempotency-Key", key)
                .body(devicesOrder(3))
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.DAVE)
                .header("Idempotency-Key", key)
                .body(devicesOrder(3))
                .post("/orders")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        as(DemoUser.DAVE)
                .header("Idempotency-Key", key)
                .body(devicesOrder(4))
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        as(DemoUser.DAVE).get("/orders?size=100").then().body("size()", equalTo(before + 1));
        // Keys are per tenant: another enterprise may use the same key for its own order.
        as(DemoUser.CAROL)
                .header("Idempotency-Key", key)
                .body(devicesOrder(3))
                .post("/orders")
                .then()
                .statusCode(201)
                .body("id", not(equalTo(first)));
    }

    /** Quarkus REST answers a query parameter that does not convert 404 and names nothing; here it is a 400 naming it. */
    @Test
    void aQueryParameterThatDoesNotConvertIsA400NamingIt() {
        for (String[] mistake : List.of(
                new String[] {"status=NOPE", "status", "FILLED"},
                new String[] {"size=abc", "size", "whole number"},
                new String[] {"precision=FP99", "precision", "FP16"},
                new String[] {"from=yesterday", "from", "2026-12-01T08:00:00Z"},
                new String[] {"to=2026-13-01T00:00:00Z", "to", "ISO 8601"})) {
            as(DemoUser.DAVE)
                    .get("/orders?" + mistake[0])
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(mistake[1]))
                    .body("detail", containsString(mistake[2]));
        }
        as(DemoUser.DAVE).get("/orders?status=FILLED&size=5").then().statusCode(200);
        as(DemoUser.DAVE)
                .get("/orders?from=2026-11-01T00:00:00Z&to=2099-01-01T00:00:00Z")
                .then()
                .statusCode(200);
    }

    /**
     * What a request says it says once, or is refused naming where: a field given twice (Jackson kept the last, 50
     * devices), a query parameter the listing does not take (orders page with size: limit was ignored, a full page
     * answered), an id in a path that is not one, a body not sent as JSON.
     */
    @Test
    void aRequestThatSaysTwoThingsOrOneThingNotTakenIsRefusedNamingIt() throws Exception {
        int before = as(DemoUser.DAVE).get("/orders?size=100").then().extract().path("size()");
        String order = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(devicesOrder(1));
        as(DemoUser.DAVE)
                .body(order.substring(0, order.length() - 1) + ",\"devices\":50}")
                .post("/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("devices"))
                .body("detail", containsString("given twice"));
        as(DemoUser.DAVE)
                .get("/orders?limit=5")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"))
                .body("detail", containsString("size"));
        // Another tenant named by a buyer: their own orders were answered, as if filtered.
        for (String path : List.of("/orders?tenant=acme-ai", "/buying-power?tenant=acme-ai")) {
            as(DemoUser.DAVE).get(path).then().statusCode(403).body("errors[0].field", equalTo("tenant"));
        }
        as(DemoUser.DAVE).get("/orders?tenant=bluesky-bio").then().statusCode(200);
        as(DemoUser.OLIVIA).get("/orders?tenant=acme-ai").then().statusCode(200);
        as(DemoUser.DAVE)
                .get("/orders/not-an-id")
                .then()
                .statusCode(404)
                .body("detail", containsString("'not-an-id' is not an id"));
        as(DemoUser.DAVE)
                .contentType(ContentType.TEXT)
                .body(order)
                .post("/orders")
                .then()
                .statusCode(415)
                .body("errors[0].field", equalTo("Content-Type"));
        as(DemoUser.DAVE).get("/orders?size=100").then().body("size()", equalTo(before));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        int before = as(DemoUser.DAVE).get("/orders?size=100").then().extract().path("size()");
        Map<String, Object> unknownModel = devicesOrder(1);
        unknownModel.put("models", List.of("H100-SXM5-80GB", "NO-SUCH-GPU"));
        as(DemoUser.DAVE)
                .body(unknownModel)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("models[1]"));
        Map<String, Object> unknownHub = devicesOrder(1);
        unknownHub.put("hubs", List.of("atlantis"));
        as(DemoUser.DAVE)
                .body(unknownHub)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("hubs[0]"));
        // Named twice, or a currency that is not money: each a 422 naming the place (both were accepted).
        List<Object[]> refused = List.of(
                new Object[] {"hubs", List.of("ningxia", "gansu", "ningxia"), "hubs[2]"},
                new Object[] {"models", List.of("H100-SXM5-80GB", "H100-SXM5-80GB"), "models[1]"},
                new Object[] {"currency", "ABC", "currency"});
        for (Object[] mistake : refused) {
            assertOrderRefused((String) mistake[0], mistake[1], 422, (String) mistake[2]);
        }
        assertOrderRefused("earliestStart", START.plus(15, ChronoUnit.MINUTES).toString(), 422, "earliestStart");
        assertOrderRefused("earliestStart", START.minus(5, ChronoUnit.DAYS).toString(), 422, "earliestStart");
        // Whole numbers only: 1.5 devices was read as 1, a limit of 1500.5 as 1500, "2" as 2, silently.
        List<Object[]> notWholeNumbers = List.of(
                new Object[] {"devices", 1.5}, new Object[] {"limitPrice", 1500.5}, new Object[] {"devices", "2"});
        for (Object[] mistake : notWholeNumbers) {
            assertOrderRefused((String) mistake[0], mistake[1], 400, (String) mistake[0]);
        }
        Map<String, Object> freeLunch = devicesOrder(1);
        freeLunch.put("limitPrice", 0);
        as(DemoUser.DAVE)
                .body(freeLunch)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("limitPrice"));
        Map<String, Object> bigMin = devicesOrder(2);
        bigMin.put("fillPolicy", "PARTIAL");
        bigMin.put("minFill", 3);
        as(DemoUser.DAVE)
                .body(bigMin)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("minFill"));
        Map<String, Object> noPrecision = throughputOrder("100");
        noPrecision.remove("precision");
        as(DemoUser.DAVE)
                .body(noPrecision)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("precision"));
        Map<String, Object> badPrecision = throughputOrder("100");
        badPrecision.put("precision", "FP4");
        as(DemoUser.DAVE)
                .body(badPrecision)
                .post("/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("precision"));
        Map<String, Object> lateExpiry = devicesOrder(1);
        lateExpiry.put("goodTill", START.plus(7, ChronoUnit.HOURS).toString());
        as(DemoUser.DAVE)
                .body(lateExpiry)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("goodTill"));
        as(DemoUser.DAVE).get("/orders?size=100").then().body("size()", equalTo(before));
    }

    /** A quote takes exactly the order's body, validated as an order, and reaches the matcher in its units. */
    @Test
    void aQuoteIsAnOrdersBodyValidatedAsAnOrder() {
        Map<String, Object> order = devicesOrder(2);
        order.put("hubs", List.of("gansu"));
        order.put("maxPue", new BigDecimal("1.1"));
        order.put("minGreenRating", "4A");
        int before = as(DemoUser.CAROL).get("/orders?size=100").then().extract().path("size()");
        as(DemoUser.CAROL)
                .body(order)
                .post("/market/quote")
                .then()
                .statusCode(200)
                .body("complete", equalTo(false));
        String sent = CatalogStubResource.quoteRequests()
                .get(CatalogStubResource.quoteRequests().size() - 1);
        assertTrue(
                sent.contains("\"allowedHubs\":[\"gansu\"]")
                        && sent.contains("\"maxPueMilli\":1100")
                        && sent.contains("\"minGreenRating\":4")
                        && sent.contains("\"devices\":2"),
                sent);
        as(DemoUser.CAROL).get("/orders?size=100").then().body("size()", equalTo(before));
        // The order's names, not the matcher's: a field the order does not have is refused.
        Map<String, Object> matcherNames = devicesOrder(2);
        matcherNames.put("allowedHubs", List.of("gansu"));
        as(DemoUser.CAROL)
                .body(matcherNames)
                .post("/market/quote")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("allowedHubs"));
        Map<String, Object> unknownHub = devicesOrder(2);
        unknownHub.put("hubs", List.of("atlantis"));
        as(DemoUser.ALICE)
                .body(unknownHub)
                .post("/market/quote")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("hubs[0]"));
    }

    /** Every number has a documented bound; beyond it a 422 names the field, never a 500 and nothing stored. */
    @Test
    void numbersBeyondTheirBoundsAreRefusedNamingTheField() {
        int before = as(DemoUser.DAVE).get("/orders?size=100").then().extract().path("size()");
        Map<String, Object> hugeMin = devicesOrder(2);
        hugeMin.put("fillPolicy", "PARTIAL");
        hugeMin.put("minFill", new BigDecimal("1e20"));
        as(DemoUser.DAVE).body(hugeMin).post("/orders").then().statusCode(422).body("errors.field", hasItem("minFill"));
        Map<String, Object> fractionalMin = devicesOrder(4);
        fractionalMin.put("fillPolicy", "PARTIAL");
        fractionalMin.put("minFill", new BigDecimal("2.5"));
        as(DemoUser.DAVE)
                .body(fractionalMin)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("minFill"));
        Map<String, Object> dear = devicesOrder(1);
        dear.put("limitPrice", 100_000_001L);
        as(DemoUser.DAVE).body(dear).post("/orders").then().statusCode(422).body("errors.field", hasItem("limitPrice"));
        Map<String, Object> atTheBound = devicesOrder(100_000);
        atTheBound.put("limitPrice", 100_000_000L);
        atTheBound.put("durationHours", 8760);
        atTheBound.put("latestStart", START.toString());
        atTheBound.put("goodTill", START.toString());
        atTheBound.put("hubs", List.of("gansu"));
        String bound = as(DemoUser.DAVE)
                .body(atTheBound)
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> overflowing = devicesOrder(1);
        overflowing.put("limitPrice", new BigDecimal("18446744073710000000"));
        as(DemoUser.DAVE)
                .body(overflowing)
                .post("/orders")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(422)))
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limitPrice"));
        Map<String, Object> farOut = devicesOrder(1);
        farOut.put("latestStart", START.plus(400, ChronoUnit.DAYS).toString());
        farOut.put("goodTill", START.toString());
        as(DemoUser.DAVE)
                .body(farOut)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("latestStart"));
        Map<String, Object> tooLate = devicesOrder(1);
        tooLate.put("earliestStart", START.plus(800, ChronoUnit.DAYS).toString());
        tooLate.put("latestStart", START.plus(800, ChronoUnit.DAYS).toString());
        as(DemoUser.DAVE)
                .body(tooLate)
                .post("/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("earliestStart"));
        for (int outOfRange : new int[] {-1, 10_001}) {
            Map<String, Object> record = devicesOrder(1);
            record.put("minReliability", outOfRange);
            as(DemoUser.DAVE)
                    .body(record)
                    .post("/orders")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", equalTo("minReliability"));
        }
        Map<String, Object> unknownField = devicesOrder(1);
        unknownField.put("maxPueMilli", 1100);
        as(DemoUser.DAVE)
                .body(unknownField)
                .post("/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("maxPueMilli"), "errors[0].message", equalTo("unknown field"));
        as(DemoUser.DAVE)
                .body(Map.of("limitPrice", 2000, "status", "FILLED"))
                .patch("/orders/" + bound)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(DemoUser.DAVE).get("/orders?size=100").then().body("size()", equalTo(before + 1));
    }

    @Test
    void fillsAreAppliedOnceWithTotalsAndAPartiallyFilledOrderCanBeCancelled() {
        Map<String, Object> partial = devicesOrder(8);
        partial.put("fillPolicy", "PARTIAL");
        partial.put("minFill", 2);
        partial.put("precision", "FP16");
        String id = place(DemoUser.CAROL, partial);
        market(id, "ORDER_RESTING", "no capacity in the allowed hubs under the limit");
        UUID fillId = UUID.randomUUID();
        String f = fill(id, fillId, 5, 1800, 989_400L);
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>("market-events", "gansu", f),
                        new ProducerRecord<>("market-events", "gansu", f))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/orders/" + id)
                        .then()
                        .body(
                                "status",
                                equalTo("PARTIALLY_FILLED"),
                                "fills",
                                hasSize(1),
                                "totals.filledDevices",
                                equalTo(5),
                                "totals.cost",
                                equalTo(5 * 4 * 1800),
                                "totals.deviceHours",
                                equalTo(20),
                                // 5 × 989.4 TFLOPS × 4 h = 19.788 PFLOP-hours; 5 × 700 W × 4 h × 1.25 = 17.5 kWh
                                "totals.pflopHours",
                                equalTo(19.788f),
                                "totals.energyKwh",
                                equalTo(17.5f)));

        as(DemoUser.CAROL)
                .post("/orders/" + id + "/cancel")
                .then()
                .statusCode(202)
                .body("cancelRequested", equalTo(true));
        as(DemoUser.CAROL)
                .body(Map.of("limitPrice", 2100))
                .patch("/orders/" + id)
                .then()
                .statusCode(409);
        assertTrue(orderEvents(id, 2).stream().anyMatch(r -> r.value().contains("ORDER_CANCEL_REQUESTED")));
        market(id, "ORDER_CANCELLED", "cancelled by the enterprise: 3 devices not filled");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/orders/" + id)
                        .then()
                        .body(
                                "status",
                                equalTo("CANCELLED"),
                                "fills",
                                hasSize(1),
                                "history.status",
                                contains("ACCEPTED", "RESTING", "PARTIALLY_FILLED", "CANCEL_REQUESTED", "CANCELLED")));
        as(DemoUser.CAROL).post("/orders/" + id + "/cancel").then().statusCode(409);
    }

    @Test
    void aRestingOrderExpiresWithItsReason() {
        String id = place(DemoUser.CAROL, devicesOrder(2));
        market(id, "ORDER_RESTING", "no capacity yet");
        market(id, "ORDER_EXPIRED", "good-till time reached");
        market(id, "ORDER_RESTING", "a late duplicate");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/orders/" + id)
                        .then()
                        .body("status", equalTo("EXPIRED"), "statusReason", equalTo("good-till time reached")));
    }

    @Test
    void amendIsCancelReplaceAndNeverBelowWhatIsFilled() {
        Map<String, Object> choosy = devicesOrder(6);
        choosy.put("minReliability", 9900);
        String id = place(DemoUser.CAROL, choosy);
        as(DemoUser.CAROL)
                .body(Map.of("limitPrice", 2200, "devices", 10))
                .patch("/orders/" + id)
                .then()
                .statusCode(200)
                .body("limitPrice", equalTo(2200), "devices", equalTo(10), "version", equalTo(1))
                .body("minReliability", equalTo(9900));
        List<ConsumerRecord<String, String>> events = orderEvents(id, 2);
        assertTrue(
                events.get(0).value().contains("\"minReliabilityBps\":9900"),
                events.get(0).value());
        // The new terms replace the old in the book: constraints the amendment does not touch go with them.
        assertTrue(
                events.get(1).value().contains("\"type\":\"ORDER_AMENDED\"")
                        && events.get(1).value().contains("\"devices\":10")
                        && events.get(1).value().contains("\"minReliabilityBps\":9900"),
                events.get(1).value());
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill(id, UUID.randomUUID(), 4, 2000, null)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> as(DemoUser.CAROL).get("/orders/" + id).then().body("totals.filledDevices", equalTo(4)));
        as(DemoUser.CAROL)
                .body(Map.of("devices", 3))
                .patch("/orders/" + id)
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("devices"), "filled", equalTo(4));
        as(DemoUser.CAROL).body(Map.of()).patch("/orders/" + id).then().statusCode(400);
        as(DemoUser.CAROL)
                .body(Map.of("tflops", 100))
                .patch("/orders/" + id)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("tflops"));
    }

    /** The report: 4 of 6 filled, amended to 4, must be FILLED with nothing left for the matcher. */
    @Test
    void anAmendmentToExactlyTheFilledQuantityCompletesTheOrder() {
        Map<String, Object> partial = devicesOrder(6);
        partial.put("fillPolicy", "PARTIAL");
        partial.put("minFill", 1);
        String id = place(DemoUser.CAROL, partial);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill(id, UUID.randomUUID(), 4, 2000, null)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        as(DemoUser.CAROL).get("/orders/" + id).then().body("status", equalTo("PARTIALLY_FILLED")));
        as(DemoUser.CAROL)
                .body(Map.of("devices", 4))
                .patch("/orders/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("FILLED"), "devices", equalTo(4), "totals.filledDevices", equalTo(4));
        List<ConsumerRecord<String, String>> events = orderEvents(id, 2);
        assertTrue(
                events.get(1).value().contains("\"type\":\"ORDER_AMENDED\"")
                        && events.get(1).value().contains("\"remainingQuantity\":0"),
                events.get(1).value());
        as(DemoUser.CAROL)
                .body(Map.of("devices", 5))
                .patch("/orders/" + id)
                .then()
                .statusCode(409);
    }

    /**
     * A fill the matcher made before it saw an amendment lowering the quantity stands; the order then holds
     * what it got as its quantity, never more than it ordered.
     */
    @Test
    void aFillThatOvertakesALoweringAmendmentRaisesTheQuantityToWhatWasFilled() {
        Map<String, Object> partial = devicesOrder(8);
        partial.put("fillPolicy", "PARTIAL");
        String id = place(DemoUser.CAROL, partial);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill(id, UUID.randomUUID(), 2, 2000, null)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> as(DemoUser.CAROL).get("/orders/" + id).then().body("totals.filledDevices", equalTo(2)));
        as(DemoUser.CAROL)
                .body(Map.of("devices", 3))
                .patch("/orders/" + id)
                .then()
                .statusCode(200);
        // Already on its way when the amendment was made: 3 more devices.
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill(id, UUID.randomUUID(), 3, 2000, null)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/orders/" + id)
                        .then()
                        .body(
                                "status",
                                equalTo("FILLED"),
                                "devices",
                                equalTo(5),
                                "totals.filledDevices",
                                equalTo(5),
                                "history.status",
                                hasItem("QUANTITY_RAISED")));
    }

    /** A fill the provider's capacity ledger refused is reversed: shown with its reason, counted nowhere. */
    @Test
    void aFillTheCapacityLedgerRefusedIsReversedVisibly() {
        String filled = place(DemoUser.CAROL, devicesOrder(4));
        UUID refusedFill = UUID.randomUUID();
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill(filled, refusedFill, 4, 2000, null)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> as(DemoUser.CAROL).get("/orders/" + filled).then().body("status", equalTo("FILLED")));
        String refusal = """
                {"eventId":"%s","type":"FILL_REFUSED","occurredAt":"%s","fillId":"%s","orderId":"%s","devices":4,
                 "reason":"would lease more devices than listed in some hour slot"}""".formatted(UUID.randomUUID(), Instant.now(), refusedFill, filled);
        // Twice: a repeated refusal changes nothing more.
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>("lease-events", filled, refusal),
                        new ProducerRecord<>("lease-events", filled, refusal))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/orders/" + filled)
                        .then()
                        .body(
                                "status",
                                equalTo("CANCELLED"),
                                "fills",
                                hasSize(1),
                                "fills[0].reversalReason",
                                org.hamcrest.Matchers.notNullValue(),
                                "totals.filledDevices",
                                equalTo(0),
                                "totals.cost",
                                equalTo(0),
                                "history.status",
                                contains("ACCEPTED", "FILLED", "FILL_REVERSED", "CANCELLED")));

        // An open order whose fill is reversed is cancelled through the matcher: it would never complete.
        Map<String, Object> partial = devicesOrder(8);
        partial.put("fillPolicy", "PARTIAL");
        String open = place(DemoUser.CAROL, partial);
        UUID openFill = UUID.randomUUID();
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill(open, openFill, 2, 2000, null)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        as(DemoUser.CAROL).get("/orders/" + open).then().body("status", equalTo("PARTIALLY_FILLED")));
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(
                        "lease-events",
                        open,
                        refusal.replace(refusedFill.toString(), openFill.toString())
                                .replace(filled, open)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/orders/" + open)
                        .then()
                        .body("cancelRequested", equalTo(true), "totals.filledDevices", equalTo(0)));
        assertTrue(orderEvents(open, 2).stream().anyMatch(r -> r.value().contains("ORDER_CANCEL_REQUESTED")));
    }

    @Test
    void tenantsSeeOnlyTheirOrdersOperatorsSeeAllAndListsFilterAndPage() {
        String carols = place(DemoUser.CAROL, throughputOrder("1800"));
        as(DemoUser.DAVE).get("/orders/" + carols).then().statusCode(404).contentType("application/problem+json");
        as(DemoUser.DAVE).post("/orders/" + carols + "/cancel").then().statusCode(404);
        as(DemoUser.DAVE).get("/orders?size=100").then().body("id", not(hasItem(carols)));
        as(DemoUser.OLIVIA).get("/orders/" + carols).then().statusCode(200);
        as(DemoUser.OLIVIA)
                .get("/orders?tenant=acme-ai&size=100")
                .then()
                .statusCode(200)
                .body("id", hasItem(carols));
        as(DemoUser.OLIVIA).body(devicesOrder(1)).post("/orders").then().statusCode(403);
        as(DemoUser.ALICE)
                .get("/orders")
                .then()
                .statusCode(403)
                .contentType("application/problem+json") // Quarkus' own 403 had an empty body
                .body("detail", equalTo("this operation is for enterprise, operator; your roles are not"));
        given().get("/orders").then().statusCode(401);

        as(DemoUser.CAROL)
                .get("/orders?precision=FP16&status=ACCEPTED&size=100")
                .then()
                .statusCode(200)
                .body("id", hasItem(carols))
                .body("precision", everyItem(equalTo("FP16")));
        as(DemoUser.CAROL)
                .get("/orders?model=H200-SXM-141GB&size=100")
                .then()
                .statusCode(200)
                .body("models", everyItem(hasItems("H200-SXM-141GB")));
        as(DemoUser.CAROL)
                .get("/orders?from=" + Instant.now().plus(1, ChronoUnit.DAYS))
                .then()
                .body("size()", equalTo(0));
        as(DemoUser.CAROL).get("/orders?size=1&page=0").then().body("size()", equalTo(1));
        as(DemoUser.CAROL).get("/orders?size=101").then().statusCode(422).body("errors[0].field", equalTo("size"));
        // Keyset paging: each full page links to the next, with the same filters; nothing is shown twice.
        java.util.Set<String> seen = new java.util.HashSet<>();
        String next = "/orders?size=2&status=ACCEPTED";
        int pages = 0;
        while (next != null && pages++ < 1000) {
            var page = as(DemoUser.CAROL).get(next).then().statusCode(200).extract();
            List<String> ids = page.path("id");
            ids.forEach(id -> assertTrue(seen.add(id), "shown twice: " + id));
            List<String> statuses = page.path("status");
            assertTrue(statuses.stream().allMatch("ACCEPTED"::equals), "the filter holds on every page");
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        int accepted = as(DemoUser.CAROL)
                .get("/orders?size=100&status=ACCEPTED")
                .then()
                .extract()
                .path("size()");
        assertTrue(seen.size() >= Math.min(accepted, 100), seen.size() + " of " + accepted);
    }

    /**
     * A verified token is kept (VerifiedTokenCache) only until it expires: the same token, verified and kept
     * a moment ago, is refused once its expiry passes; and two tenants' tokens never share an identity.
     */
    @Test
    void aKeptTokenIsRefusedOnceItExpiresAndTenantsNeverShareAnIdentity() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestTokens.minted(), "needs tokens minted with a chosen expiry");
        String shortLived = TestTokens.expiringIn(DemoUser.DAVE, java.time.Duration.ofSeconds(3));
        String daves = given().auth()
                .oauth2(shortLived)
                .contentType("application/json")
                .body(devicesOrder(1))
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(shortLived).get("/orders/" + daves).then().statusCode(200);
        }
        as(DemoUser.CAROL).get("/orders/" + daves).then().statusCode(404);
        Thread.sleep(4_000);
        given().auth().oauth2(shortLived).get("/orders/" + daves).then().statusCode(401);
        as(DemoUser.DAVE).get("/orders/" + daves).then().statusCode(200);
    }
}
