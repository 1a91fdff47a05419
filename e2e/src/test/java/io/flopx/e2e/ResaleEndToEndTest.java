package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoAgent;
import io.flopx.embedded.DemoUser;
import io.flopx.localstack.load.InvariantChecker;
import io.flopx.localstack.load.StackProbe;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resale on the real stack: an enterprise lists hours of a lease it holds that have not started, another buys
 * them through the real matcher, the original provider's agent delivers the new lease, the reseller is its
 * seller in the ledger, and the invariant checker finds the lease never sold twice (and would if it were).
 */
@ExtendWith(SharedStack.class)
class ResaleEndToEndTest {

    /** A model and hub no other test lists, so the only asks the orders below can meet are this test's. */
    private static final String MODEL = "GAUDI3-128GB";

    private static final String HUB = "gansu";

    @Test
    void anEnterpriseResellsUnstartedHoursAnotherBuysThemAndTheProviderStillDelivers() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(40, ChronoUnit.HOURS);
        Gateway.shared()
                .list(
                        DemoUser.ALICE,
                        "Resale site " + Instant.now().toEpochMilli(),
                        HUB,
                        MODEL,
                        4,
                        500,
                        start,
                        start.plus(4, ChronoUnit.HOURS),
                        9950);
        String lease = filled(DemoUser.CAROL, Gateway.devicesOrder(MODEL, 4, 4, start, 500, HUB));

        // Carol resells 2 devices of the last two hours at her own ask (the catalog records her lease within
        // moments of the fill).
        Map<String, Object> resale = Map.of(
                "leaseId",
                lease,
                "devices",
                2,
                "availableFrom",
                start.plus(2, ChronoUnit.HOURS).toString(),
                "availableUntil",
                start.plus(4, ChronoUnit.HOURS).toString(),
                "pricePerDeviceHour",
                650);
        String listing = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Gateway.as(DemoUser.CAROL)
                                .body(resale)
                                .post("/api/resales")
                                .then()
                                .extract(),
                        r -> r.statusCode() == 201)
                .path("id");
        Gateway.as(DemoUser.CAROL)
                .body(Map.of("leaseId", lease, "devices", 3, "pricePerDeviceHour", 600))
                .post("/api/resales")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("devices"))
                .body("freeDevices", equalTo(2));
        Gateway.as(DemoUser.DAVE)
                .body(Map.of("leaseId", lease, "devices", 1, "pricePerDeviceHour", 600))
                .post("/api/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("leaseId"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.OLIVIA)
                        .get("/api/market/depth?hub=" + HUB + "&model=" + MODEL)
                        .then()
                        // Alice's offering stays listed, fully leased, so it asks nothing: the listing's ask is
                        // the best, though above Alice's.
                        .body("findAll { it.offerings == 2 && it.bestAsk == 650 }", hasSize(1)));

        // Dave buys them: the matcher sells the listing like any offering.
        String resold = filled(
                DemoUser.DAVE, Gateway.devicesOrder(MODEL, 2, 2, start.plus(2, ChronoUnit.HOURS), 650, HUB), listing);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.CAROL)
                        .get("/api/resales/" + listing)
                        .then()
                        .statusCode(200)
                        .body("soldDeviceHours", equalTo(4))
                        .body("deliveredBy", equalTo(DemoUser.ALICE.tenant())));
        // Alice's devices deliver it: she sees the lease, Carol is its seller in the ledger, and Alice's agent
        // (not Bob's) has its delivery record.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.ALICE)
                        .get("/api/leases?limit=500")
                        .then()
                        .body("find { it.id == '" + resold + "' }.seller", equalTo(DemoUser.CAROL.tenant())));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.DAVE)
                        .get("/api/settlements/" + resold)
                        .then()
                        .statusCode(200)
                        .body("provider", equalTo(DemoUser.CAROL.tenant())));
        // (It starts in 42 hours: the agent reads its record now, and reports on it once it starts.)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.asAgent(DemoAgent.WEST_GPU_CLOUD)
                        .get("/api/deliveries/" + resold)
                        .then()
                        .statusCode(200)
                        .body("availabilityBps", equalTo(9950)));
        Gateway.asAgent(DemoAgent.YANGTZE_COMPUTE)
                .get("/api/deliveries/" + resold)
                .then()
                .statusCode(404);

        // The checker the load and fault runs use finds the lease resold within what it holds, and would not if
        // the lease held fewer devices than were resold from it.
        try (StackProbe probe = SharedStack.probe()) {
            InvariantChecker checker = new InvariantChecker(probe);
            InvariantChecker.ResaleCheck clean = checker.resales();
            assertEquals(List.of(), clean.violations());
            assertTrue(clean.listings() >= 1 && clean.leases() >= 1, clean.toString());
            try (Connection catalog = probe.database("catalog");
                    Statement sql = catalog.createStatement()) {
                String where = " where id = '" + lease + "'";
                try {
                    sql.execute("update lease set devices = 1" + where);
                    List<String> found = checker.resales().violations();
                    assertTrue(
                            found.stream().anyMatch(v -> v.startsWith("lease " + lease + " holds 1 devices but 2")),
                            found.toString());
                } finally {
                    sql.execute("update lease set devices = 4" + where);
                }
            }
        }
    }

    /** Places an order as {@code buyer}; once it FILLED, its one fill's id (the buyer's lease). */
    private static String filled(DemoUser buyer, Map<String, Object> order) {
        return filled(buyer, order, null);
    }

    /** The same, its fill from {@code offering} when given. */
    private static String filled(DemoUser buyer, Map<String, Object> order, String offering) {
        order.put("timeInForce", "IMMEDIATE_OR_CANCEL");
        String id = Gateway.as(buyer)
                .body(order)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(buyer)
                        .get("/api/orders/" + id)
                        .then()
                        .body("status", equalTo("FILLED"))
                        .body("fills", hasSize(1)));
        var fill = Gateway.as(buyer).get("/api/orders/" + id).then().extract().jsonPath();
        if (offering != null) {
            assertEquals(offering, fill.getString("fills[0].offeringId"));
        }
        return fill.getString("fills[0].id");
    }
}
