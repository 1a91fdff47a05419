package io.flopx.catalog;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Resale of a lease's unstarted hours on the real database and broker: listings are checked against the lease
 * and each other hour by hour, a fill of one is a lease its original provider delivers, and a withdrawn one
 * sells nothing more.
 */
@QuarkusTest
class ResaleTest extends CatalogTestBase {

    @Test
    void aBuyerResellsUnstartedHoursNeverMoreThanTheLeaseHoldsInAnyHour() throws Exception {
        String site = createSite(DemoUser.BOB, "gansu", "1.3", "3A", "ROCE");
        String offering = createOffering(DemoUser.BOB, "MI300X-192GB", site, 8, 1000);
        String lease = UUID.randomUUID().toString();
        Instant start = FROM.plus(30, ChronoUnit.HOURS);
        publishFill(lease, offering, DemoUser.BOB.tenant(), DemoUser.CAROL.tenant(), 4, start, 4, 1000);
        await().atMost(Duration.ofSeconds(20)).until(() -> leasedAt(offering, start) == 4);

        // Carol resells 2 devices of the last two hours, at her own ask.
        String late = as(DemoUser.CAROL)
                .body(resale(lease, 2, start.plus(2, ChronoUnit.HOURS), start.plus(4, ChronoUnit.HOURS), 1600))
                .post("/resales")
                .then()
                .statusCode(201)
                .body("leaseId", equalTo(lease))
                .body("tenant", equalTo(DemoUser.CAROL.tenant()))
                .body("deliveredBy", equalTo(DemoUser.BOB.tenant()))
                .body("model", equalTo("MI300X-192GB"))
                .body("siteId", equalTo(site))
                .body("status", equalTo("ACTIVE"))
                .body("soldDeviceHours", equalTo(0))
                .extract()
                .path("id");
        // ...and 2 more over the whole lease (the default window): 4 of 4 in the last two hours.
        String whole = as(DemoUser.CAROL)
                .body(resale(lease, 2, null, null, 1500))
                .post("/resales")
                .then()
                .statusCode(201)
                .body("availableFrom", equalTo(start.toString()))
                .body("availableUntil", equalTo(start.plus(4, ChronoUnit.HOURS).toString()))
                .extract()
                .path("id");
        // Nothing more in any hour where the lease is fully listed; the free devices are named.
        as(DemoUser.CAROL)
                .body(resale(lease, 1, null, null, 1500))
                .post("/resales")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("devices"))
                .body("freeDevices", equalTo(0));
        // The first two hours still have 2 free.
        as(DemoUser.CAROL)
                .body(resale(lease, 3, start, start.plus(2, ChronoUnit.HOURS), 1500))
                .post("/resales")
                .then()
                .statusCode(409)
                .body("freeDevices", equalTo(2));

        // Bad requests name their field and list nothing.
        as(DemoUser.DAVE)
                .body(resale(lease, 1, null, null, 1500))
                .post("/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("leaseId"));
        as(DemoUser.CAROL)
                .body(resale(lease, 5, null, null, 1500))
                .post("/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("devices"));
        as(DemoUser.CAROL)
                .body(resale(lease, 1, start.plus(1, ChronoUnit.HOURS), start.plus(5, ChronoUnit.HOURS), 1500))
                .post("/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availableUntil"));
        as(DemoUser.CAROL)
                .body(resale(lease, 1, start.minus(1, ChronoUnit.HOURS), null, 1500))
                .post("/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availableFrom"));
        as(DemoUser.CAROL)
                .body(resale(lease, 1, start.plusSeconds(60), null, 1500))
                .post("/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availableFrom"));
        Map<String, Object> unknown = resale(lease, 1, null, null, 1500);
        unknown.put("provider", "someone-else");
        as(DemoUser.CAROL).body(unknown).post("/resales").then().statusCode(400);
        as(DemoUser.CAROL)
                .body(resale(lease, 1, null, null, 100_000_001L))
                .post("/resales")
                .then()
                .statusCode(422)
                .body("errors[0].field", containsString("pricePerDeviceHour"));
        as(DemoUser.BOB)
                .body(resale(lease, 1, null, null, 1500))
                .post("/resales")
                .then()
                .statusCode(403);
        as(DemoUser.CAROL).get("/resales?lease=" + lease).then().statusCode(200).body("id", hasSize(2));

        // Dave buys the late listing: a lease Carol sold and Bob's devices deliver, which Bob sees.
        String resold = UUID.randomUUID().toString();
        publishFill(
                resold,
                late,
                DemoUser.CAROL.tenant(),
                DemoUser.DAVE.tenant(),
                2,
                start.plus(2, ChronoUnit.HOURS),
                2,
                1600);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.BOB)
                        .get("/leases?limit=500")
                        .then()
                        .body("find { it.id == '" + resold + "' }.seller", equalTo(DemoUser.CAROL.tenant()))
                        .body("find { it.id == '" + resold + "' }.deliveredBy", equalTo(DemoUser.BOB.tenant())));
        as(DemoUser.CAROL).get("/resales/" + late).then().statusCode(200).body("soldDeviceHours", equalTo(4));
        as(DemoUser.DAVE).get("/resales/" + late).then().statusCode(404);
        as(DemoUser.ALICE).get("/leases?limit=500").then().body("id", not(hasItem(resold)));

        // Withdrawn, the whole-lease listing sells nothing more: a fill the matcher made before it saw the
        // withdrawal is refused, and its hours are Carol's to list again.
        as(DemoUser.CAROL)
                .post("/resales/" + whole + "/withdraw")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        String late2 = UUID.randomUUID().toString();
        publishFill(late2, whole, DemoUser.CAROL.tenant(), DemoUser.DAVE.tenant(), 1, start, 1, 1500);
        await().atMost(Duration.ofSeconds(20)).until(() -> conflictExists(late2));
        assertEquals(0, leasedAt(whole, start));
        as(DemoUser.CAROL)
                .body(resale(lease, 4, start, start.plus(2, ChronoUnit.HOURS), 1400))
                .post("/resales")
                .then()
                .statusCode(201);

        // A new ask is the listing's only change; its event tells the market what it resells and who delivers.
        as(DemoUser.CAROL)
                .body(Map.of("pricePerDeviceHour", 1550))
                .patch("/resales/" + late)
                .then()
                .statusCode(200)
                .body("pricePerDeviceHour", equalTo(1550));
        as(DemoUser.DAVE)
                .body(Map.of("pricePerDeviceHour", 1))
                .patch("/resales/" + late)
                .then()
                .statusCode(404);
        String listed = offeringEvents(late, 1).get(0).value();
        assertTrue(
                listed.contains("\"resaleOf\":\"" + lease + "\"")
                        && listed.contains("\"deliveredBy\":\"" + DemoUser.BOB.tenant() + "\""),
                listed);
    }

    @Test
    void hoursThatHaveStartedCannotBeResold() throws Exception {
        String site = createSite(DemoUser.BOB, "gansu", "1.3", "3A", "ROCE");
        Map<String, Object> now = offering("MI300X-192GB", site, 4, 900);
        // Listed from the current hour: one that turned before the listing would leave its start in the past.
        HourTurn.clearOfTheHoursEnd(Duration.ofSeconds(30));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        now.put("availableFrom", hour.toString());
        String offering = as(DemoUser.BOB)
                .body(now)
                .post("/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String lease = UUID.randomUUID().toString();
        publishFill(lease, offering, DemoUser.BOB.tenant(), DemoUser.CAROL.tenant(), 2, hour, 1, 900);
        await().atMost(Duration.ofSeconds(20)).until(() -> leasedAt(offering, hour) == 2);
        as(DemoUser.CAROL)
                .body(resale(lease, 1, null, null, 1000))
                .post("/resales")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("leaseId"))
                .body("errors[0].message", containsString("started"));
    }

    private static Map<String, Object> resale(String lease, int devices, Instant from, Instant until, long price) {
        Map<String, Object> r = new HashMap<>();
        r.put("leaseId", lease);
        r.put("devices", devices);
        if (from != null) {
            r.put("availableFrom", from.toString());
        }
        if (until != null) {
            r.put("availableUntil", until.toString());
        }
        r.put("pricePerDeviceHour", price);
        return r;
    }
}
