package io.flopx.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.flopx.order.service.PlanRounds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standing procurement plans on real PostgreSQL and Kafka: a plan places one order per hour within its reach
 * through the ordinary order path, a repeated round places nothing twice, fills count as coverage, scaling
 * down cancels what would exceed the new size, stopping cancels the rest; bad input names its field. The
 * matcher's side (fills, cancellations) is played on market-events. Rounds run here when the test says
 * (their schedule is off in tests).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(CatalogStubResource.class)
class ProcurementPlanTest {

    /**
     * A plan's hours are counted from the current hour, and its tests expect the next one: an hour that turns
     * mid-test moves them (the first order's hour is asserted against the hour after the plan was made).
     */
    @BeforeEach
    void notAcrossAnHour() throws InterruptedException {
        HourTurn.clearOfTheHoursEnd(Duration.ofSeconds(90));
    }

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    PlanRounds rounds;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(TestTokens.of(user)).contentType(ContentType.JSON);
    }

    static Map<String, Object> plan(int devices, long budget) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> p = new HashMap<>();
        p.put("name", "training cluster");
        p.put("models", List.of("H100-SXM5-80GB"));
        p.put("hubs", List.of("gansu"));
        p.put("devices", devices);
        p.put("startsAt", hour.toString());
        p.put("endsAt", hour.plus(24, ChronoUnit.HOURS).toString());
        p.put("aheadHours", 3);
        p.put("limitPrice", 2000);
        p.put("currency", "CNY");
        p.put("minReliability", 9900);
        p.put("budget", budget);
        return p;
    }

    @Test
    void aPlanKeepsItsHoursCoveredScalesAndStops() throws Throwable {
        JsonPath made = as(DemoUser.CAROL)
                .body(plan(3, 1_000_000))
                .post("/plans")
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("orders.devices", everyItem(equalTo(3)))
                .extract()
                .jsonPath();
        String plan = made.getString("id");
        int hours = made.getInt("coverage.hoursWanted");
        assertTrue(hours >= 2, "the next hours within 3 h: " + hours);
        assertEquals(hours, made.getList("orders").size(), "one order per hour within reach, placed at once");
        String first = made.getString("orders[0].id");
        Instant firstHour = Instant.parse(made.getString("orders[0].hour"));
        assertEquals(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS), firstHour);
        // Ordinary orders: for that hour only, partial, kept until it starts, with the plan's record minimum.
        as(DemoUser.CAROL)
                .get("/orders/" + first)
                .then()
                .statusCode(200)
                .body("kind", equalTo("DEVICES"))
                .body("durationHours", equalTo(1))
                .body("earliestStart", equalTo(firstHour.toString()))
                .body("fillPolicy", equalTo("PARTIAL"))
                .body("goodTill", equalTo(firstHour.toString()))
                .body("minReliability", equalTo(9900))
                .body("clientReference", startsWith("plan "));

        // Another round (another instance, or the same after a crash) places nothing twice.
        VertxContextSupport.subscribeAndAwait(rounds::round);
        as(DemoUser.CAROL).get("/plans/" + plan).then().body("orders.size()", equalTo(hours));

        // The matcher fills 2 of the first hour's 3 devices: covered, and what it cost is spent.
        fill(first, firstHour, 2, 1_800);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/plans/" + plan)
                        .then()
                        .body("coverage.deviceHoursCovered", equalTo(2))
                        .body("coverage.spent", equalTo(3_600))
                        .body("coverage.deviceHoursWanted", equalTo(3 * hours)));

        // Down to 1 device: every open order above it is cancelled (the first keeps its 2 filled devices).
        JsonPath scaled = as(DemoUser.CAROL)
                .body(Map.of("devices", 1))
                .patch("/plans/" + plan)
                .then()
                .statusCode(200)
                .body("devices", equalTo(1))
                .extract()
                .jsonPath();
        List<String> open = scaled.getList("orders.id");
        // Its fills of the first hour stand above the new size: the plan remembers the most it asked for, which
        // the invariant checker holds its fills to.
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                java.sql.ResultSet peak = c.createStatement()
                        .executeQuery("select peak_devices from procurement_plan where id = '" + plan + "'")) {
            assertTrue(peak.next());
            assertEquals(3, peak.getInt(1));
        }
        for (String id : open) {
            as(DemoUser.CAROL).get("/orders/" + id).then().body("cancelRequested", equalTo(true));
        }
        // Once the matcher confirms the cancels, the next round buys 1 device for each later hour: two rounds at
        // once (two instances) buy it once.
        for (String id : open) {
            market(id, "ORDER_CANCELLED", "cancelled by the enterprise");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.CAROL)
                        .get("/plans/" + plan)
                        .then()
                        .body("orders.findAll { it.status == 'CANCELLED' }.size()", equalTo(hours)));
        // While another instance holds the plan's lock (its round under way), a round here skips the plan.
        try (Connection other = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            other.createStatement()
                    .execute("select pg_advisory_lock(8711, "
                            + UUID.fromString(plan).hashCode() + ")");
            VertxContextSupport.subscribeAndAwait(rounds::round);
            as(DemoUser.CAROL)
                    .get("/plans/" + plan)
                    .then()
                    .body("orders.findAll { it.status == 'ACCEPTED' }.size()", equalTo(0));
        }
        VertxContextSupport.subscribeAndAwait(() -> io.smallrye.mutiny.Uni.join()
                .all(rounds.round(), rounds.round())
                .andFailFast()
                .replaceWithVoid());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            as(DemoUser.CAROL)
                    .get("/plans/" + plan)
                    .then()
                    .body("orders.findAll { it.status == 'ACCEPTED' }.size()", equalTo(hours - 1))
                    .body("orders.findAll { it.status == 'ACCEPTED' }.devices", everyItem(equalTo(1)));
        });

        // Stopped: its open orders are cancelled, its fills stand, no round buys for it again.
        as(DemoUser.CAROL)
                .post("/plans/" + plan + "/stop")
                .then()
                .statusCode(200)
                .body("status", equalTo("STOPPED"))
                .body("coverage.spent", equalTo(3_600));
        as(DemoUser.CAROL)
                .body(Map.of("devices", 2))
                .patch("/plans/" + plan)
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("status"));

        // Tenants see their own; operators all; providers none.
        as(DemoUser.DAVE).get("/plans/" + plan).then().statusCode(404);
        // Lists leave each plan's orders out (they grow with the plan); the plan itself has them.
        as(DemoUser.OLIVIA)
                .get("/plans")
                .then()
                .statusCode(200)
                .body("id", hasItem(plan))
                .body("find { it.id == '%s' }".formatted(plan), not(hasKey("orders")))
                .body("find { it.id == '%s' }.coverage.spent".formatted(plan), equalTo(3_600));
        as(DemoUser.OLIVIA).get("/plans/" + plan).then().body("orders", not(empty()));
        as(DemoUser.ALICE).get("/plans").then().statusCode(403);
    }

    @Test
    void aPlanNeverCommitsMoreThanItsBudget() {
        // 5 device-hours at 2,000: two hours of 2 devices, then 1 device of the third.
        JsonPath made = as(DemoUser.DAVE)
                .body(plan(2, 10_000))
                .post("/plans")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        // One order per hour within reach (2 or 3 of them, by the minute the test runs), as the budget allows.
        int hours = made.getInt("coverage.hoursWanted");
        List<Integer> expected = List.of(2, 2, 1).subList(0, hours);
        assertEquals(expected, made.getList("orders.devices", Integer.class));
        long committed = expected.stream().mapToLong(d -> d * 2_000L).sum();
        assertEquals(committed, made.getLong("coverage.held"), "the most its open orders may still cost");
        assertEquals(10_000 - committed, made.getLong("coverage.budgetLeft"));
    }

    /** A change waits for a round under way (another instance holding the plan's lock); it is never skipped. */
    @Test
    void aScaleWaitsForARoundUnderWayAndIsNotLost() throws Exception {
        String plan = laterPlan(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(20, ChronoUnit.DAYS));
        java.util.concurrent.CompletableFuture<Integer> scaled;
        try (Connection other = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            other.createStatement()
                    .execute("select pg_advisory_lock(8711, "
                            + UUID.fromString(plan).hashCode() + ")");
            scaled = java.util.concurrent.CompletableFuture.supplyAsync(() -> as(DemoUser.CAROL)
                    .body(Map.of("devices", 5))
                    .patch("/plans/" + plan)
                    .statusCode());
            Thread.sleep(1_500);
            assertTrue(!scaled.isDone(), "the change waits while the lock is held");
        }
        assertEquals(200, scaled.get(20, java.util.concurrent.TimeUnit.SECONDS));
        as(DemoUser.CAROL).get("/plans/" + plan).then().body("devices", equalTo(5));
    }

    /**
     * An instance that stopped between placing a plan's order and linking it leaves an order only its idempotency
     * key ties to the plan: the next round adopts it (counted in coverage and spend from then on); an order
     * with another plan's key, or a key of the enterprise's own, is not.
     */
    @Test
    void aRoundAdoptsAnOrderThePlanPlacedButNeverLinked() throws Throwable {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(30, ChronoUnit.DAYS);
        String plan = laterPlan(start);
        Map<String, Object> order = OrderApiTest.devicesOrder(2);
        order.put("earliestStart", start.toString());
        order.put("latestStart", start.toString());
        order.put("durationHours", 1);
        String hour = String.valueOf(start.getEpochSecond() / 3600);
        String orphan = place(order, "plan-" + plan + "-" + hour + "-0");
        String otherPlans = place(order, "plan-" + UUID.randomUUID() + "-" + hour + "-0");
        String own = place(order, "my-own-key-" + UUID.randomUUID());

        VertxContextSupport.subscribeAndAwait(rounds::round);

        List<String> adopted = as(DemoUser.CAROL)
                .get("/plans/" + plan)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("orders.id");
        assertEquals(List.of(orphan), adopted);
        assertTrue(!adopted.contains(otherPlans) && !adopted.contains(own));
    }

    /** A plan of 2 devices for a day from {@code start}, far enough out that it places no order yet. */
    private static String laterPlan(Instant start) {
        Map<String, Object> later = plan(2, 100_000);
        later.put("startsAt", start.toString());
        later.put("endsAt", start.plus(24, ChronoUnit.HOURS).toString());
        return as(DemoUser.CAROL)
                .body(later)
                .post("/plans")
                .then()
                .statusCode(201)
                .body("orders.size()", equalTo(0))
                .extract()
                .path("id");
    }

    private String place(Map<String, Object> order, String key) {
        return as(DemoUser.CAROL)
                .header("Idempotency-Key", key)
                .body(order)
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void badPlansAreProblemsNamingTheField() {
        Map<String, Object> backwards = plan(1, 10_000);
        backwards.put("endsAt", backwards.get("startsAt"));
        as(DemoUser.CAROL)
                .body(backwards)
                .post("/plans")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("endsAt"));
        Map<String, Object> none = plan(0, 10_000);
        as(DemoUser.CAROL).body(none).post("/plans").then().statusCode(422).body("errors[0].field", equalTo("devices"));
        Map<String, Object> poor = plan(1, 1_999);
        as(DemoUser.CAROL).body(poor).post("/plans").then().statusCode(422).body("errors[0].field", equalTo("budget"));
        Map<String, Object> unknown = plan(1, 10_000);
        unknown.put("models", List.of("NO-SUCH-GPU"));
        as(DemoUser.CAROL)
                .body(unknown)
                .post("/plans")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("models[0]"));
        Map<String, Object> twice = plan(1, 10_000);
        twice.put("hubs", List.of("gansu", "gansu"));
        as(DemoUser.CAROL)
                .body(twice)
                .post("/plans")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("hubs[1]"));
        Map<String, Object> extra = plan(1, 10_000);
        extra.put("status", "ACTIVE");
        as(DemoUser.CAROL).body(extra).post("/plans").then().statusCode(400).body("errors[0].field", equalTo("status"));
        Map<String, Object> late = plan(1, 10_000);
        late.put("aheadHours", 169);
        as(DemoUser.CAROL)
                .body(late)
                .post("/plans")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("aheadHours"));
        as(DemoUser.CAROL)
                .body(Map.of("devices", 0))
                .patch("/plans/" + UUID.randomUUID())
                .then()
                .statusCode(422);
        as(DemoUser.CAROL)
                .body(Map.of("devices", 1))
                .patch("/plans/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    private void fill(String orderId, Instant hour, int devices, long price) {
        String event = """
                {"eventId":"%s","type":"FILL","occurredAt":"%s","hub":"gansu","orderId":"%s",
                 "enterpriseTenant":"acme-ai","offeringId":"%s","providerTenant":"west-gpu-cloud","siteId":"%s",
                 "model":"H100-SXM5-80GB","pueMilli":1250,"tdpWatts":700,"gflopsPerDevice":null,"devices":%d,
                 "start":"%s","end":"%s","pricePerDeviceHour":%d,"cost":%d,"currency":"CNY"}""".formatted(
                        UUID.randomUUID(),
                        Instant.now(),
                        orderId,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        devices,
                        hour,
                        hour.plus(1, ChronoUnit.HOURS),
                        price,
                        devices * price);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", event))
                .awaitCompletion();
    }

    private void market(String orderId, String type, String reason) {
        String event = """
                {"eventId":"%s","type":"%s","occurredAt":"%s","hub":"gansu","orderId":"%s","enterpriseTenant":"acme-ai",
                 "reason":"%s"}""".formatted(UUID.randomUUID(), type, Instant.now(), orderId, reason);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", event))
                .awaitCompletion();
    }
}
