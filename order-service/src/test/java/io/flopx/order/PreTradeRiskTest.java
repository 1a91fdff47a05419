package io.flopx.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.Contracts;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Pre-trade risk with orders required to be funded: funding arrives on {@code funding-events} as
 * settlement-service publishes it; each open order holds the worst case of what it still wants; fills turn
 * holds into charges; an order or amendment its tenant cannot cover is refused before any book sees it.
 * Each test has a tenant of its own.
 */
@QuarkusTest
@TestProfile(PreTradeRiskTest.FundingRequired.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(CatalogStubResource.class)
class PreTradeRiskTest {

    public static class FundingRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flopx.orders.require-funding", "true");
        }
    }

    /** limit 2,000 x 8 devices x 4 hours. */
    private static final long EIGHT_DEVICES = 64_000;

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    static String freshTenant() {
        return "risk-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String tenant) {
        return given().auth()
                .oauth2(TestTokens.mint("buyer-" + tenant, tenant, Set.of("enterprise"), TestTokens.AUDIENCE))
                .contentType(ContentType.JSON);
    }

    /** What settlement-service would publish after a top-up; returns its version. */
    long fund(String tenant, long paidIn, long creditLimit) {
        long version = VERSIONS.incrementAndGet();
        return fund(tenant, paidIn, creditLimit, version);
    }

    long fund(String tenant, long paidIn, long creditLimit, long version) {
        String event = """
                {"tenant":"%s","currency":"CNY","paidIn":%d,"creditLimit":%d,"version":%d}""".formatted(tenant, paidIn, creditLimit, version);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("funding-events", tenant + "|CNY", event))
                .awaitCompletion();
        return version;
    }

    Map<String, Object> power(String tenant) {
        List<Map<String, Object>> all = as(tenant)
                .get("/buying-power")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        return all.isEmpty() ? Map.of() : all.get(0);
    }

    long figure(String tenant, String name) {
        Object v = power(tenant).get(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    void awaitFunded(String tenant, long paidIn) {
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "paidIn") == paidIn);
    }

    Response place(String tenant, Map<String, Object> order) {
        return as(tenant).body(order).post("/orders");
    }

    void market(String event) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", event))
                .awaitCompletion();
    }

    /** The capacity ledger's refusal of a fill, delivered twice (a redelivery). */
    void refusedTwice(UUID fillId, String orderId) {
        String refusal = """
                {"eventId":"%s","type":"FILL_REFUSED","occurredAt":"2026-12-01T10:00:00Z","fillId":"%s","orderId":"%s",
                 "devices":2,"reason":"would lease more devices than listed in some hour slot"}""".formatted(UUID.randomUUID(), fillId, orderId);
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>("lease-events", orderId, refusal),
                        new ProducerRecord<>("lease-events", orderId, refusal))
                .awaitCompletion();
    }

    /** The matcher's word that the rest of an order is cancelled. */
    void cancelled(String orderId) {
        market("""
                {"eventId":"%s","type":"ORDER_CANCELLED","occurredAt":"%s","hub":"gansu","orderId":"%s",
                 "reason":"cancelled"}""".formatted(UUID.randomUUID(), Instant.now(), orderId));
    }

    @Test
    void theFundingEventsFixtureIsWhatThisServiceReads() {
        String tenant = "fixture-tenant-" + UUID.randomUUID().toString().substring(0, 4);
        String fixture = Contracts.fixture(Contracts.FUNDING_CHANGED).replace("\"carol\"", "\"" + tenant + "\"");
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("funding-events", tenant + "|CNY", fixture))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "paidIn") == 100_000_000L);
        assertEquals(5_000_000L, figure(tenant, "creditLimit"));
        assertEquals(105_000_000L, figure(tenant, "free"));
    }

    @Test
    void anOrderItsTenantCannotCoverIsRefusedWithTheShortfallAndNeverPublished() {
        String tenant = freshTenant();
        fund(tenant, 50_000, 10_000);
        awaitFunded(tenant, 50_000);

        String id = place(tenant, OrderApiTest.devicesOrder(8))
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("statusReason", startsWith("INSUFFICIENT_FUNDS"))
                .body("shortfall", equalTo((int) (EIGHT_DEVICES - 60_000)))
                .body("held", equalTo(0))
                .extract()
                .path("id");
        as(tenant)
                .get("/orders/" + id)
                .then()
                .statusCode(200)
                .body("history.status", hasItem("REJECTED"))
                .body("history[0].reason", startsWith("INSUFFICIENT_FUNDS: its worst case is 640.00 CNY"));
        assertEquals(0, figure(tenant, "held"));
        // The matcher never hears of it (the event of an order placed after it shows that the topic was read).
        String later = place(tenant, OrderApiTest.devicesOrder(1))
                .then()
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .extract()
                .path("id");
        List<String> keys =
                await().atMost(Duration.ofSeconds(30)).until(() -> orderEventKeys(), k -> k.contains(later));
        assertTrue(!keys.contains(id), "a refused order reached order-events");
        assertEquals(8_000, figure(tenant, "held"));
    }

    @Test
    void noFundingAtAllRefusesEveryOrder() {
        String tenant = freshTenant();
        place(tenant, OrderApiTest.devicesOrder(1))
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("shortfall", equalTo(8_000));
    }

    @Test
    void fillsTurnHoldsIntoChargesAndTerminalVerdictsReleaseTheRest() {
        String tenant = freshTenant();
        fund(tenant, 1_000_000, 0);
        awaitFunded(tenant, 1_000_000);
        String whole = place(tenant, OrderApiTest.devicesOrder(8))
                .then()
                .statusCode(201)
                .body("held", equalTo((int) EIGHT_DEVICES))
                .extract()
                .path("id");
        String partial = place(tenant, OrderApiTest.devicesOrder(8))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertEquals(2 * EIGHT_DEVICES, figure(tenant, "held"));

        // All eight at 1,500 (below the limit): charged what it traded for, nothing held.
        UUID fillId = UUID.randomUUID();
        market(OrderApiTest.fill(whole, fillId, 8, 1_500, null));
        // Three of the other's eight, then the market cancels the rest.
        market(OrderApiTest.fill(partial, UUID.randomUUID(), 3, 1_800, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "charged") == 48_000 + 21_600);
        // The same fill again (a redelivery) changes nothing.
        market(OrderApiTest.fill(whole, fillId, 8, 1_500, null));
        as(tenant)
                .get("/orders/" + whole)
                .then()
                .body("status", equalTo("FILLED"))
                .body("held", equalTo(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "held") == 2_000 * 5 * 4);
        as(tenant).get("/orders/" + partial).then().body("held", equalTo(40_000));

        market("""
                {"eventId":"%s","type":"ORDER_CANCELLED","occurredAt":"2026-12-01T10:00:00Z","hub":"gansu",
                 "orderId":"%s","reason":"immediate-or-cancel: the rest"}""".formatted(UUID.randomUUID(), partial));
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "held") == 0);
        assertEquals(1_000_000 - 48_000 - 21_600, figure(tenant, "free"));
        assertEquals(48_000 + 21_600, figure(tenant, "charged"));
    }

    /**
     * A fill the capacity ledger refused costs nothing: its charge comes back, and an order still open holds
     * what it wants again until its cancel lands.
     */
    @Test
    void aReversedFillIsRefundedAndItsOrderHoldsAgainUntilCancelled() {
        String tenant = freshTenant();
        fund(tenant, 1_000_000, 0);
        awaitFunded(tenant, 1_000_000);
        Map<String, Object> order = OrderApiTest.devicesOrder(8);
        order.put("fillPolicy", "PARTIAL");
        String id = place(tenant, order).then().statusCode(201).extract().path("id");
        UUID fillId = UUID.randomUUID();
        market(OrderApiTest.fill(id, fillId, 2, 1_500, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "charged") == 12_000);
        assertEquals(2_000 * 6 * 4, figure(tenant, "held"));

        refusedTwice(fillId, id);
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "charged") == 0);
        assertEquals(EIGHT_DEVICES, figure(tenant, "held"));
        as(tenant).get("/orders/" + id).then().body("held", equalTo((int) EIGHT_DEVICES));

        market("""
                {"eventId":"%s","type":"ORDER_CANCELLED","occurredAt":"2026-12-01T10:00:01Z","hub":"gansu",
                 "orderId":"%s","reason":"cancelled"}""".formatted(UUID.randomUUID(), id));
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "held") == 0);
        assertEquals(1_000_000, figure(tenant, "free"));
    }

    @Test
    void anAmendmentThatRaisesTheHoldNeedsTheFundsAndOneThatLowersItReleases() {
        String tenant = freshTenant();
        fund(tenant, EIGHT_DEVICES + 10_000, 0);
        awaitFunded(tenant, EIGHT_DEVICES + 10_000);
        String id = place(tenant, OrderApiTest.devicesOrder(8))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // Ten devices would hold 80,000: 6,000 more than the buying power.
        as(tenant)
                .body(Map.of("devices", 10))
                .patch("/orders/" + id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("devices"))
                .body("shortfall", equalTo(6_000));
        as(tenant).get("/orders/" + id).then().body("devices", equalTo(8)).body("held", equalTo((int) EIGHT_DEVICES));
        assertEquals(EIGHT_DEVICES, figure(tenant, "held"));

        // Nine devices fit; a lower limit then releases.
        as(tenant).body(Map.of("devices", 9)).patch("/orders/" + id).then().statusCode(200);
        assertEquals(72_000, figure(tenant, "held"));
        as(tenant)
                .body(Map.of("limitPrice", 1_000))
                .patch("/orders/" + id)
                .then()
                .statusCode(200);
        assertEquals(36_000, figure(tenant, "held"));
        assertEquals(EIGHT_DEVICES + 10_000 - 36_000, figure(tenant, "free"));
    }

    /**
     * Forty placements released at once against funding for exactly five: five are accepted, 35 refused, and
     * the holds never exceed the funding (checking and holding are one statement under the row's lock). With
     * twelve the race did not reliably happen: a check that read a stale snapshot (a scalar subquery) still
     * passed; with forty it accepts eight.
     */
    @Test
    void concurrentPlacementsNeverCommitMoreThanTheFunding() throws Exception {
        String tenant = freshTenant();
        fund(tenant, 5 * EIGHT_DEVICES + 100, 0);
        awaitFunded(tenant, 5 * EIGHT_DEVICES + 100);
        List<String> statuses = placeAtOnce(tenant, OrderApiTest.devicesOrder(8), 40);
        assertEquals(5, statuses.stream().filter("ACCEPTED"::equals).count(), statuses.toString());
        assertEquals(35, statuses.stream().filter("REJECTED"::equals).count(), statuses.toString());
        assertEquals(5 * EIGHT_DEVICES, figure(tenant, "held"));
        assertEquals(100, figure(tenant, "free"));
    }

    @Test
    void anOlderFundingVersionNeverOverwritesANewerOne() {
        String tenant = freshTenant();
        long newer = fund(tenant, 30_000, 0);
        fund(tenant, 10_000, 0, newer - 1);
        awaitFunded(tenant, 30_000);
        long newest = fund(tenant, 40_000, 5_000);
        awaitFunded(tenant, 40_000);
        fund(tenant, 30_000, 0, newer);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> figure(tenant, "paidIn") == 40_000);
        assertEquals(5_000, figure(tenant, "creditLimit"));
        assertTrue(newest > newer);
    }

    /**
     * A throughput order is filled in whole devices, so its last fill can overshoot what it wants by up to one
     * device: its hold covers the largest peak among the models it may get (both catalog stubs give the H100
     * and the H200 989,400 GFLOPS at FP16), at its limit per PFLOP-hour, rounded up.
     */
    @Test
    void aThroughputOrderHoldsItsLimitPerPflopHourWithOneDevicesAllowance() {
        String tenant = freshTenant();
        fund(tenant, 15_000, 0);
        awaitFunded(tenant, 15_000);
        // 500 TFLOPS of H100s for 4 hours at 1,500 per PFLOP-hour: 3,000 for what it wants, and the whole
        // device its last fill may overshoot by: ceil(1,500 x (500,000 + 989,399) x 4 / 1,000,000) = 8,937.
        String id = place(tenant, throughput("500", "H100-SXM5-80GB"))
                .then()
                .statusCode(201)
                .body("held", equalTo(8_937))
                .extract()
                .path("id");
        // One H100 fills it (989.4 TFLOPS for 500 wanted) at the limit's price per device-hour, 1,484: it costs
        // 5,936, more than 3,000 but within the hold, and nothing stays held.
        market(OrderApiTest.fill(id, UUID.randomUUID(), 1, 1_484, 989_400L));
        await().atMost(Duration.ofSeconds(20)).until(() -> figure(tenant, "charged") == 5_936);
        assertEquals(0, figure(tenant, "held"));
        as(tenant).get("/orders/" + id).then().body("status", equalTo("FILLED")).body("held", equalTo(0));

        // 1 GFLOPS of either: ceil(1,500 x 989,400 x 4 / 1,000,000) = 5,937 held; 15,000 - 5,936 - 5,937 =
        // 3,127 left, so the same order again is 2,810 short.
        place(tenant, throughput("0.001", "H100-SXM5-80GB", "H200-SXM-141GB"))
                .then()
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("held", equalTo(5_937));
        place(tenant, throughput("0.001", "H100-SXM5-80GB", "H200-SXM-141GB"))
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("shortfall", equalTo(2_810));
    }

    @Test
    void operatorsSeeAnyTenantsBuyingPowerAndEnterprisesOnlyTheirOwn() {
        String tenant = freshTenant();
        fund(tenant, 7_000, 0);
        awaitFunded(tenant, 7_000);
        given().auth()
                .oauth2(TestTokens.of(io.flopx.embedded.DemoUser.OLIVIA))
                .get("/buying-power?tenant=" + tenant)
                .then()
                .statusCode(200)
                .body("[0].tenant", equalTo(tenant))
                .body("[0].paidIn", equalTo(7_000));
        // Another enterprise naming this tenant is refused (the parameter is an operator's); it got its own, empty.
        as(freshTenant())
                .get("/buying-power?tenant=" + tenant)
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("tenant"));
    }

    private static Map<String, Object> throughput(String tflops, String... models) {
        Map<String, Object> order = OrderApiTest.throughputOrder(tflops);
        order.remove("minFill");
        order.put("models", List.of(models));
        return order;
    }

    /** {@code n} placements of the order for the tenant, released at the same instant; their statuses. */
    List<String> placeAtOnce(String tenant, Map<String, Object> order, int n) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(callers.submit(() -> {
                    go.await();
                    return place(tenant, order).then().statusCode(201).extract().<String>path("status");
                }));
            }
            go.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<String> f : answers) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            callers.shutdownNow();
        }
    }

    private List<String> orderEventKeys() {
        return kafka
                .consumeStrings()
                .fromTopics("order-events", Duration.ofSeconds(2))
                .awaitCompletion()
                .getRecords()
                .stream()
                .map(r -> r.key())
                .toList();
    }
}
