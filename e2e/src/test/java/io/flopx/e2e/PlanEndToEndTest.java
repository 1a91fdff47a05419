package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import io.flopx.localstack.load.InvariantChecker;
import io.flopx.localstack.load.StackProbe;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A standing procurement plan on the real stack: its orders, placed by order-service on the enterprise's
 * behalf, meet a provider's listing in the real matcher; the plan reports its hours covered and what they
 * cost; scaling up buys the difference; stopping keeps what was bought.
 */
@ExtendWith(SharedStack.class)
class PlanEndToEndTest {

    /**
     * The plan and its listing start at the next hour: an hour that turns mid-test makes it the current one.
     */
    @BeforeEach
    void notAcrossAnHour() throws InterruptedException {
        HourTurn.clearOfTheHoursEnd(Duration.ofSeconds(90));
    }

    @Test
    void aPlanKeepsItsHoursCoveredFromTheMarketAndScales() throws Exception {
        Instant next = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Gateway.shared()
                .list(
                        DemoUser.ALICE,
                        "Plan site " + Instant.now().toEpochMilli(),
                        "inner-mongolia",
                        "A800-SXM4-80GB",
                        4,
                        733,
                        next,
                        next.plus(3, ChronoUnit.HOURS),
                        null);
        String plan = Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(Map.ofEntries(
                        Map.entry("name", "e2e pool"),
                        Map.entry("models", List.of("A800-SXM4-80GB")),
                        Map.entry("hubs", List.of("inner-mongolia")),
                        Map.entry("devices", 2),
                        Map.entry("startsAt", next.toString()),
                        Map.entry("endsAt", next.plus(3, ChronoUnit.HOURS).toString()),
                        Map.entry("aheadHours", 2),
                        Map.entry("limitPrice", 733),
                        Map.entry("currency", "CNY"),
                        Map.entry("budget", 100_000)))
                .post("/api/plans")
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .extract()
                .path("id");
        JsonPath covered = awaitCovered(plan, 2);
        int hours = covered.getInt("coverage.hoursWanted");
        assertTrue(hours >= 1, covered.prettify());
        assertTrue(covered.getLong("coverage.spent") <= 2L * hours * 733, covered.prettify());
        for (String order : covered.getList("orders.id", String.class)) {
            Gateway.as(DemoUser.CAROL).get("/api/orders/" + order).then().body("status", equalTo("FILLED"));
        }

        // One more device in every hour: the round run at once buys the difference.
        Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(Map.of("devices", 3))
                .patch("/api/plans/" + plan)
                .then()
                .statusCode(200);
        awaitCovered(plan, 3);
        Gateway.as(DemoUser.CAROL)
                .post("/api/plans/" + plan + "/stop")
                .then()
                .statusCode(200)
                .body("status", equalTo("STOPPED"))
                .body("coverage.deviceHoursCovered", equalTo(3 * hours));

        // The invariant checker the load and fault runs use finds this plan within its budget and size, and
        // would not if it had spent more or held more devices in an hour than it ever asked for.
        try (StackProbe probe = SharedStack.probe()) {
            InvariantChecker checker = new InvariantChecker(probe);
            InvariantChecker.PlanCheck clean = checker.plans();
            assertEquals(List.of(), clean.violations());
            assertTrue(clean.fills() >= 2L * hours, "the plan's fills were checked: " + clean);
            try (Connection orders = probe.database("orders");
                    Statement sql = orders.createStatement()) {
                String where = " where id = '" + plan + "'";
                String restore;
                try (java.sql.ResultSet was =
                        sql.executeQuery("select budget, peak_devices from procurement_plan" + where)) {
                    assertTrue(was.next());
                    assertEquals(3, was.getInt(2), "the most the plan asked for: scaled from 2 to 3");
                    restore = "update procurement_plan set budget = " + was.getLong(1) + ", peak_devices = "
                            + was.getInt(2) + where;
                }
                try {
                    sql.execute("update procurement_plan set budget = 1, peak_devices = 1" + where);
                    List<String> found = checker.plans().violations();
                    assertTrue(found.stream().anyMatch(v -> v.startsWith("plan " + plan + " spent")), found.toString());
                    assertTrue(
                            found.stream().anyMatch(v -> v.startsWith("plan " + plan + " holds 3 devices")),
                            found.toString());
                } finally {
                    sql.execute(restore);
                }
            }
        }
    }

    /** The plan once every hour within its reach has {@code devices} filled. */
    private static JsonPath awaitCovered(String plan, int devices) {
        JsonPath[] seen = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen[0] = Gateway.as(DemoUser.CAROL)
                    .get("/api/plans/" + plan)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            int hours = seen[0].getInt("coverage.hoursWanted");
            return hours > 0 && seen[0].getLong("coverage.deviceHoursCovered") == (long) devices * hours;
        });
        return seen[0];
    }
}
