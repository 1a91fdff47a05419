package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Money through the gateway on the real stack (Keycloak tokens, settlement-service on PostgreSQL): the demo
 * funding the local stack made, an operator's top-up once per key, a monthly statement downloaded as CSV,
 * the demo voucher, and tenants kept apart.
 */
@ExtendWith(SharedStack.class)
class MoneyEndToEndTest {

    @Test
    void theDemoMoneyIsThereAndAnOperatorsTopUpLandsOnceAndShowsOnTheStatement() {
        String carol = DemoUser.CAROL.tenant();
        Gateway.as(DemoUser.CAROL)
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("tenant", equalTo(carol))
                .body("balances.currency", hasItem("CNY"));
        // The demo funding is on carol's statement (her available money is lower by what her fills cost).
        Gateway.as(DemoUser.CAROL)
                .get("/api/accounts/" + carol + "/statement?kind=TOP_UP&currency=CNY&limit=500")
                .then()
                .statusCode(200)
                .body("findAll { it.reference == 'demo funding' }.amount", hasItem(100_000_000));

        String key = "e2e-transfer-" + UUID.randomUUID();
        Map<String, Object> transfer = Map.of("currency", "CNY", "amount", 123_456, "reference", "e2e transfer");
        String entry = Gateway.as(DemoUser.OLIVIA)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(transfer)
                .post("/api/accounts/" + carol + "/top-ups")
                .then()
                .statusCode(201)
                .header("Location", "/api/accounts/" + carol + "/statement")
                .extract()
                .path("entryId");
        Gateway.as(DemoUser.OLIVIA)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(transfer)
                .post("/api/accounts/" + carol + "/top-ups")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("entryId", equalTo(entry));

        String month = YearMonth.now(ZoneOffset.UTC).toString();
        String csv = Gateway.as(DemoUser.CAROL)
                .accept("text/csv")
                .get("/api/accounts/" + carol + "/statements/" + month)
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("flopx-" + carol + "-" + month + "-CNY.csv"))
                .extract()
                .asString();
        assertTrue(csv.contains(entry + ",TOP_UP,e2e transfer,AVAILABLE,1234.56,"), csv);
        assertTrue(csv.lines().filter(l -> l.contains("," + entry + ",")).count() == 1, "the top-up once: " + csv);

        Gateway.as(DemoUser.DAVE).get("/api/accounts/" + carol).then().statusCode(404);
        Gateway.as(DemoUser.DAVE)
                .get("/api/accounts/" + carol + "/statements/" + month)
                .then()
                .statusCode(404);
    }

    /**
     * Pre-trade risk on the real stack: a top-up reaches order-service's buying power over funding-events, an
     * order holds its worst case, and one its buyer cannot cover is refused with the shortfall.
     */
    @Test
    void ordersHoldTheirWorstCaseAndOneTheBuyerCannotCoverIsRefused() {
        String dave = DemoUser.DAVE.tenant();
        long paidBefore = buyingPower(DemoUser.DAVE, "paidIn");
        Gateway.as(DemoUser.OLIVIA)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "e2e-risk-" + UUID.randomUUID())
                .body(Map.of("currency", "CNY", "amount", 5_000, "reference", "e2e risk"))
                .post("/api/accounts/" + dave + "/top-ups")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> buyingPower(DemoUser.DAVE, "paidIn") == paidBefore + 5_000);

        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(400, ChronoUnit.DAYS);
        Map<String, Object> order = Gateway.devicesOrder("H100-SXM5-80GB", 2, 3, start, 1_000, "ningxia");
        long heldBefore = buyingPower(DemoUser.DAVE, "held");
        String id = Gateway.as(DemoUser.DAVE)
                .contentType(ContentType.JSON)
                .body(order)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("held", equalTo(6_000))
                .extract()
                .path("id");
        assertTrue(buyingPower(DemoUser.DAVE, "held") >= heldBefore + 6_000);
        Gateway.as(DemoUser.DAVE).post("/api/orders/" + id + "/cancel").then().statusCode(202);
        // The hold is released when the matcher confirms the cancel.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.DAVE)
                        .get("/api/orders/" + id)
                        .then()
                        .body("status", equalTo("CANCELLED"))
                        .body("held", equalTo(0)));

        // More than dave could ever cover: refused before any book sees it, with what was missing.
        order.put("devices", 100_000);
        order.put("durationHours", 8_760);
        order.put("limitPrice", 100_000_000);
        // Fills of dave's earlier orders may still land meanwhile: the shortfall is what was missing at the
        // moment of the check, between the buying power read just before and just after.
        long freeBefore = buyingPower(DemoUser.DAVE, "free");
        long worstCase = 100_000_000L * 100_000 * 8_760;
        long shortfall = ((Number) Gateway.as(DemoUser.DAVE)
                        .contentType(ContentType.JSON)
                        .body(order)
                        .post("/api/orders")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("REJECTED"))
                        .body("statusReason", startsWith("INSUFFICIENT_FUNDS"))
                        .body("held", equalTo(0))
                        .extract()
                        .path("shortfall"))
                .longValue();
        long freeAfter = buyingPower(DemoUser.DAVE, "free");
        long a = worstCase - Math.max(0, freeBefore);
        long b = worstCase - Math.max(0, freeAfter);
        assertTrue(
                shortfall >= Math.min(a, b) && shortfall <= Math.max(a, b),
                "shortfall " + shortfall + " outside [" + Math.min(a, b) + ", " + Math.max(a, b) + "]");
    }

    /**
     * One trade's money on the real stack: carol's order holds its worst case, fills against alice's offering,
     * and settlement-service moves the cost from carol's account to alice's escrow, which both see per fill;
     * order-service's charge is the same figure.
     */
    @Test
    void aTradesCostGoesFromTheBuyerToTheProvidersEscrow() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(250, ChronoUnit.DAYS);
        Gateway.listed(
                DemoUser.ALICE, "Settlement site " + from.getEpochSecond(), "gansu", "MI300X-192GB", 4, 977, from);
        long carolBefore = account(DemoUser.CAROL, "available");
        long aliceEscrowBefore = account(DemoUser.ALICE, "escrow");
        String id = Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(Gateway.devicesOrder("MI300X-192GB", 4, 2, from, 1_000, "gansu"))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("held", equalTo(8_000))
                .extract()
                .path("id");
        long cost = 977L * 4 * 2;
        List<Map<String, Object>> settled = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Gateway.as(DemoUser.CAROL)
                                .get("/api/settlements?order=" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .<Map<String, Object>>getList(""),
                        list -> list.size() == 1);
        Map<String, Object> lease = settled.get(0);
        assertEquals("ESCROWED", lease.get("state"));
        assertEquals(cost, ((Number) lease.get("cost")).longValue());
        assertEquals(cost, ((Number) lease.get("escrow")).longValue());
        assertEquals(DemoUser.ALICE.tenant(), lease.get("provider"));
        Gateway.as(DemoUser.ALICE)
                .get("/api/settlements/" + lease.get("fillId"))
                .then()
                .statusCode(200)
                .body("buyer", equalTo(DemoUser.CAROL.tenant()));
        Gateway.as(DemoUser.DAVE)
                .get("/api/settlements/" + lease.get("fillId"))
                .then()
                .statusCode(404);
        // order-service applies the same fill on its own consumer: soon, not necessarily before settlement.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.CAROL)
                        .get("/api/orders/" + id)
                        .then()
                        .body("status", equalTo("FILLED"))
                        .body("held", equalTo(0)));
        // Other tests trade for carol and alice meanwhile: at least this trade moved.
        assertTrue(account(DemoUser.CAROL, "available") <= carolBefore - cost);
        assertTrue(account(DemoUser.ALICE, "escrow") >= aliceEscrowBefore + cost);
    }

    /**
     * Dave's demo voucher pays for the western hubs at sites rated 4A or better: an order he places there (and
     * says so) is held against the voucher, not his money; its fill draws on the voucher, and the ledger moves
     * the voucher's value to pay the trade, so his money does not move; the program sees the use in that hub.
     */
    @Test
    void daveSpendsTheDemoVoucherOnAnOrderInAWesternHub() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(260, ChronoUnit.DAYS);
        Gateway.listed(
                DemoUser.ALICE, "Voucher site " + from.getEpochSecond(), "guizhou", "MI300X-192GB", 2, 955, from);
        long redeemedBefore = programRedeemedIn("guizhou");
        Map<String, Object> order = Gateway.devicesOrder("MI300X-192GB", 2, 3, from, 1_000, "guizhou");
        order.put("minGreenRating", "4A");
        String id = Gateway.as(DemoUser.DAVE)
                .contentType(ContentType.JSON)
                .body(order)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("held", equalTo(6_000))
                .body("voucherHeld", equalTo(6_000))
                .extract()
                .path("id");
        long cost = 955L * 2 * 3;
        String fillId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Gateway.as(DemoUser.DAVE)
                                .get("/api/settlements?order=" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .<String>getList("fillId"),
                        list -> list.size() == 1)
                .get(0);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(redeemedBefore + cost, programRedeemedIn("guizhou")));
        // The trade's cost left dave's account and the voucher paid it back in: his money did not move.
        for (String kind : List.of("TRADE", "VOUCHER_DRAWN")) {
            Gateway.as(DemoUser.DAVE)
                    .get("/api/accounts/" + DemoUser.DAVE.tenant() + "/statement?kind=" + kind)
                    .then()
                    .statusCode(200)
                    .body("find { it.reference == '" + fillId + "' && it.account == 'AVAILABLE' }.amount", equalTo((int)
                            (kind.equals("TRADE") ? -cost : cost)));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.DAVE)
                        .get("/api/orders/" + id)
                        .then()
                        .body("status", equalTo("FILLED"))
                        .body("voucherHeld", equalTo(0)));
        assertTrue(buyingPower(DemoUser.DAVE, "vouchersDrawn") >= cost);
    }

    /** What the demo voucher program's vouchers paid for in the hub (0 if nothing yet). */
    private static long programRedeemedIn(String hub) {
        List<Map<String, Object>> byHub = Gateway.as(DemoUser.OLIVIA)
                .get("/api/vouchers/programs/east-data-west-compute-demo")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("[0].byHub");
        return byHub.stream()
                .filter(h -> hub.equals(h.get("hub")))
                .map(h -> ((Number) h.get("redeemed")).longValue())
                .findFirst()
                .orElse(0L);
    }

    /** A CNY figure of the user's pre-trade risk (order-service). */
    private static long buyingPower(DemoUser user, String figure) {
        return cny(user, "/api/buying-power", "", figure);
    }

    /** A CNY figure of the user's ledger balance (settlement-service). */
    private static long account(DemoUser user, String figure) {
        return cny(user, "/api/accounts", "balances", figure);
    }

    /** {@code figure} of the CNY item of the list at {@code list} in what {@code path} answers the user (0 if none). */
    private static long cny(DemoUser user, String path, String list, String figure) {
        List<Map<String, Object>> all = Gateway.as(user)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(list);
        return all.stream()
                .filter(b -> "CNY".equals(b.get("currency")))
                .map(b -> ((Number) b.get(figure)).longValue())
                .findFirst()
                .orElse(0L);
    }

    @Test
    void daveHoldsTheDemoVoucherForTheWesternHubsAndOnlyHeSeesIt() {
        Gateway.as(DemoUser.DAVE)
                .get("/api/vouchers")
                .then()
                .statusCode(200)
                .body("program", hasItem("east-data-west-compute-demo"))
                .body(
                        "find { it.program == 'east-data-west-compute-demo' }.hubs",
                        equalTo(List.of("gansu", "guizhou", "inner-mongolia", "ningxia")))
                .body("find { it.program == 'east-data-west-compute-demo' }.status", equalTo("ACTIVE"));
        Gateway.as(DemoUser.DAVE)
                .get("/api/accounts")
                .then()
                // What is left of it: another test spends some.
                .body("balances.find { it.currency == 'CNY' }.vouchers", greaterThan(19_000_000));
        Gateway.as(DemoUser.CAROL)
                .get("/api/vouchers?program=east-data-west-compute-demo")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        Gateway.as(DemoUser.OLIVIA)
                .get("/api/vouchers/programs/east-data-west-compute-demo")
                .then()
                .statusCode(200)
                .body("[0].issued", greaterThanOrEqualTo(20_000_000))
                .body("[0].outstanding", greaterThan(19_000_000));
    }
}
