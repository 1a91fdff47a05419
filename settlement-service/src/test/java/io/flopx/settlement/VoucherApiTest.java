package io.flopx.settlement;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Compute vouchers on a real PostgreSQL: issued once per key, listed by their holders, lapsed to their program. */
@QuarkusTest
class VoucherApiTest extends SettlementTestBase {

    static Map<String, Object> voucher(String program, String tenant, long amount, Instant expires) {
        Map<String, Object> v = new HashMap<>();
        v.put("program", program);
        v.put("tenant", tenant);
        v.put("currency", "CNY");
        v.put("amount", amount);
        v.put("expiresAt", expires.toString());
        v.put("hubs", List.of("ningxia", "guizhou", "ningxia"));
        v.put("minGreenRating", "4A");
        v.put("maxPue", 1.25);
        return v;
    }

    static Response issue(String key, Object body) {
        return as(DemoUser.OLIVIA).header("Idempotency-Key", key).body(body).post("/vouchers");
    }

    static String program() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOperatorIssuesAVoucherOnceAndOnlyItsHolderSeesIt() {
        String program = program();
        Instant expires = Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = voucher(program, DemoUser.DAVE.tenant(), 20_000_000, expires);
        String id = issue("v-" + program, body)
                .then()
                .statusCode(201)
                .body("remaining", equalTo(20_000_000))
                .body("status", equalTo("ACTIVE"))
                .body("hubs", equalTo(List.of("guizhou", "ningxia")))
                .body("minGreenRating", equalTo("4A"))
                .body("maxPue", equalTo(1.25f))
                .extract()
                .path("id");
        issue("v-" + program, body)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        body.put("amount", 1);
        issue("v-" + program, body).then().statusCode(422).body("errors.field", hasItem("Idempotency-Key"));

        as(DemoUser.DAVE)
                .get("/vouchers?program=" + program)
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(id)));
        as(DemoUser.CAROL)
                .get("/vouchers?program=" + program)
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        as(DemoUser.CAROL)
                .get("/vouchers?program=" + program + "&tenant=" + DemoUser.DAVE.tenant())
                .then()
                .statusCode(403) // not an empty list, as if Dave had none
                .body("errors[0].field", equalTo("tenant"));
        as(DemoUser.DAVE).get("/accounts").then().body("balances[0].vouchers", notNullValue());
        as(DemoUser.DAVE)
                .body(body)
                .header("Idempotency-Key", "self")
                .post("/vouchers")
                .then()
                .statusCode(403);
        as(DemoUser.OLIVIA)
                .get("/vouchers/programs/" + program)
                .then()
                .statusCode(200)
                .body("[0].issued", equalTo(20_000_000))
                .body("[0].outstanding", equalTo(20_000_000))
                .body("[0].redeemed", equalTo(0));
    }

    @Test
    void anExpiredVoucherGoesBackToItsProgramOnceAndTheLedgerStillBalances() throws SQLException {
        String program = program();
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        issue("long-" + program, voucher(program, tenant, 5_000, Instant.now().plus(30, ChronoUnit.DAYS)))
                .then()
                .statusCode(201);
        String shortLived = issue(
                        "short-" + program,
                        voucher(program, tenant, 700, Instant.now().plus(2, ChronoUnit.SECONDS)))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(DemoUser.OLIVIA)
                        .get("/vouchers?tenant=" + tenant)
                        .then()
                        .body("find { it.id == '" + shortLived + "' }.status", equalTo("EXPIRED"))
                        .body("find { it.id == '" + shortLived + "' }.remaining", equalTo(0))
                        .body("find { it.id == '" + shortLived + "' }.lapsedAt", notNullValue()));
        as(DemoUser.OLIVIA)
                .get("/vouchers/programs/" + program)
                .then()
                .body("[0].vouchers", equalTo(2))
                .body("[0].issued", equalTo(5_700))
                .body("[0].outstanding", equalTo(5_000))
                .body("[0].lapsed", equalTo(700))
                .body("[0].redeemed", equalTo(0));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statement?kind=VOUCHER_LAPSED")
                .then()
                .body("amount", equalTo(List.of(-700)))
                .body("account", equalTo(List.of("VOUCHER")));
        assertEquals(
                1,
                count("select count(*) from journal_entry where kind = 'VOUCHER_LAPSED' and reference = '" + program
                        + "'"));
        assertEquals(
                0,
                count("select count(*) from (select entry_id from posting group by entry_id "
                        + "having sum(amount) <> 0) x"));
    }

    @Test
    void badVouchersGetAProblemNamingTheFieldAndChangeNothing() throws SQLException {
        long before = count("select count(*) from voucher");
        Instant later = Instant.now().plus(10, ChronoUnit.DAYS);
        record Case(String field, Object value, int status) {}
        List<Case> cases = List.of(
                new Case("amount", 0, 422),
                new Case("amount", 12.5, 400),
                new Case("expiresAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), 422),
                new Case("expiresAt", Instant.now().plus(3000, ChronoUnit.DAYS).toString(), 422),
                new Case("expiresAt", "next tuesday", 400),
                new Case("minGreenRating", "6A", 400),
                new Case("maxPue", 0.9, 422),
                new Case("maxPue", 1.2345, 422),
                new Case("currency", "XYZ", 422),
                new Case("program", "Big Program", 400),
                new Case("hubs", List.of("Not A Hub"), 400),
                new Case("colour", "red", 400));
        for (Case c : cases) {
            Map<String, Object> body = voucher("bad", "bluesky-bio", 100, later);
            body.put(c.field(), c.value());
            issue("bad-" + UUID.randomUUID(), body)
                    .then()
                    .statusCode(c.status())
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(c.field().equals("hubs") ? "hubs[0]" : c.field()));
        }
        assertEquals(before, count("select count(*) from voucher"));
    }
}
