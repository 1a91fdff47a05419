package io.flopx.catalog;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CapacityLedgerTest extends CatalogTestBase {

    @Test
    void aFillDeliveredTwiceLeavesOneLeaseAndBooksItsSlotsOnce() throws Exception {
        String site = createSite(DemoUser.BOB, "gansu", "1.3", "3A", "ROCE");
        String offering = createOffering(DemoUser.BOB, "MI300X-192GB", site, 16, 1450);
        String fillId = UUID.randomUUID().toString();
        publishFill(fillId, offering, "yangtze-compute", 4, FROM, 4, 1450);
        publishFill(fillId, offering, "yangtze-compute", 4, FROM, 4, 1450);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.BOB)
                        .get("/leases")
                        .then()
                        .statusCode(200)
                        .body("findAll { it.id == '" + fillId + "' }", hasSize(1)));
        // A second, later fill proves the duplicate ahead of it was consumed (and ignored).
        String second = UUID.randomUUID().toString();
        publishFill(second, offering, "yangtze-compute", 2, FROM.plus(2, ChronoUnit.HOURS), 2, 1450);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.BOB)
                        .get("/leases")
                        .then()
                        .body("id", hasItem(second))
                        .body("findAll { it.id == '" + fillId + "' }", hasSize(1)));
        assertEquals(4, leasedAt(offering, FROM));
        assertEquals(6, leasedAt(offering, FROM.plus(2, ChronoUnit.HOURS)));
        assertEquals(6, leasedAt(offering, FROM.plus(3, ChronoUnit.HOURS)));
        as(DemoUser.ALICE).get("/leases").then().body("id", not(hasItem(fillId)));
    }

    @Test
    void theDatabaseItselfRefusesAnOverLease() throws Exception {
        String site = createSite(DemoUser.BOB, "gansu", "1.3", "3A", "ROCE");
        String offering = createOffering(DemoUser.BOB, "MI300X-192GB", site, 8, 1000);
        String fillId = UUID.randomUUID().toString();
        publishFill(fillId, offering, "yangtze-compute", 6, FROM, 2, 1000);
        await().atMost(Duration.ofSeconds(20)).until(() -> leasedAt(offering, FROM) == 6);

        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(
                        "update capacity_slot set leased_devices = leased_devices + 3 where offering_id = ?")) {
            s.setObject(1, UUID.fromString(offering));
            SQLException refused = assertThrows(SQLException.class, s::executeUpdate);
            assertTrue(refused.getMessage().contains("capacity_slot_not_oversold"), refused.getMessage());
        }

        // The same through the service: a fill the matcher should never have made is kept aside, not leased.
        String overFill = UUID.randomUUID().toString();
        publishFill(overFill, offering, "yangtze-compute", 3, FROM.plus(1, ChronoUnit.HOURS), 2, 1000);
        await().atMost(Duration.ofSeconds(20)).until(() -> conflictExists(overFill));
        as(DemoUser.BOB).get("/leases").then().body("id", not(hasItem(overFill)));
        assertEquals(6, leasedAt(offering, FROM.plus(1, ChronoUnit.HOURS)));
        // ...and published as refused, keyed by its order, so that order-service reverses it.
        String refused = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> kafka
                                .consumeStrings()
                                .fromTopics("lease-events", Duration.ofSeconds(2))
                                .awaitCompletion(Duration.ofSeconds(10))
                                .getRecords()
                                .stream()
                                .map(r -> r.value())
                                .filter(v -> v.contains(overFill))
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);
        assertTrue(refused.contains("\"type\":\"FILL_REFUSED\"") && refused.contains("\"devices\":3"), refused);
    }

    @Test
    void aProviderCannotShrinkOrWithdrawBelowWhatIsLeased() {
        String site = createSite(DemoUser.BOB, "gansu", "1.3", "3A", "ROCE");
        String offering = createOffering(DemoUser.BOB, "MI300X-192GB", site, 10, 1000);
        String fillId = UUID.randomUUID().toString();
        publishFill(fillId, offering, "yangtze-compute", 6, FROM.plus(10, ChronoUnit.HOURS), 5, 1000);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.BOB).get("/leases").then().body("id", hasItem(fillId)));

        as(DemoUser.BOB)
                .body(Map.of("devices", 5))
                .patch("/offerings/" + offering)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("devices"))
                .body("conflictingLeases", contains(fillId));
        as(DemoUser.BOB)
                .body(Map.of("availableUntil", FROM.plus(12, ChronoUnit.HOURS).toString()))
                .patch("/offerings/" + offering)
                .then()
                .statusCode(409)
                .body("conflictingLeases", contains(fillId));
        as(DemoUser.BOB)
                .post("/offerings/" + offering + "/withdraw")
                .then()
                .statusCode(409)
                .body("conflictingLeases", contains(fillId));

        as(DemoUser.BOB)
                .body(Map.of(
                        "devices",
                        6,
                        "availableUntil",
                        FROM.plus(15, ChronoUnit.HOURS).toString()))
                .patch("/offerings/" + offering)
                .then()
                .statusCode(200)
                .body("devices", equalTo(6));
        as(DemoUser.BOB).get("/offerings/" + offering).then().body("status", equalTo("ACTIVE"));
    }

    /** A busy provider pages through every lease: each full page links to the next, none shown twice. */
    @Test
    void leasesArePagedWithACursorPastAnyLimit() {
        String site = createSite(DemoUser.BOB, "guizhou", "1.2", "4A", "ROCE");
        String offering = createOffering(DemoUser.BOB, "H100-SXM5-80GB", site, 8, 1000);
        List<String> fills = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String fillId = UUID.randomUUID().toString();
            fills.add(fillId);
            publishFill(fillId, offering, "yangtze-compute", 1, FROM.plus(i, ChronoUnit.HOURS), 1, 1000);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> leasedAt(offering, FROM.plus(4, ChronoUnit.HOURS)) == 1);
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        String next = "/leases?limit=2";
        int pages = 0;
        while (next != null && pages++ < 100) {
            var page = as(DemoUser.BOB).get(next).then().statusCode(200).extract();
            List<String> ids = page.path("id");
            ids.forEach(id -> assertTrue(seen.add(id), "shown twice: " + id));
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        assertTrue(seen.containsAll(fills), "every lease reached through the pages");
        as(DemoUser.BOB)
                .get("/leases?after=not-a-cursor")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }

    @Test
    void aProviderSeesRevenuePerOfferingAndPerDay() {
        String site = createSite(DemoUser.ALICE, "ningxia", "1.2", "4A", "INFINIBAND");
        String offering = createOffering(DemoUser.ALICE, "L40S-48GB", site, 4, 500);
        Instant beforeMidnight =
                FROM.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).minus(2, ChronoUnit.HOURS);
        String fillId = UUID.randomUUID().toString();
        // 2 devices × 4 hours × 500, across midnight: 2000 on each day.
        publishFill(fillId, offering, "west-gpu-cloud", 2, beforeMidnight, 4, 500);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(DemoUser.ALICE)
                        .get("/leases/revenue?by=offering")
                        .then()
                        .statusCode(200)
                        .body("find { it.offeringId == '" + offering + "' }.revenue", equalTo(4000)));
        String day1 = beforeMidnight.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        String day2 = beforeMidnight
                .truncatedTo(ChronoUnit.DAYS)
                .plus(1, ChronoUnit.DAYS)
                .toString()
                .substring(0, 10);
        as(DemoUser.ALICE)
                .get("/leases/revenue?by=day")
                .then()
                .statusCode(200)
                .body("find { it.day == '" + day1 + "' }.revenue", org.hamcrest.Matchers.greaterThanOrEqualTo(2000))
                .body("find { it.day == '" + day2 + "' }.revenue", org.hamcrest.Matchers.greaterThanOrEqualTo(2000));
        as(DemoUser.ALICE).get("/leases/revenue?by=week").then().statusCode(400).body("errors[0].field", equalTo("by"));
        as(DemoUser.CAROL).get("/leases/revenue").then().statusCode(403);
    }
}
