package io.flopx.settlement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The accounts API on a real PostgreSQL, with tokens shaped like Keycloak's. */
@QuarkusTest
class AccountApiTest extends SettlementTestBase {

    /** A tenant of its own per test, so tests do not see each other's money. */
    static String freshTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response topUp(String tenant, String key, Object body) {
        return as(DemoUser.OLIVIA).header("Idempotency-Key", key).body(body).post("/accounts/" + tenant + "/top-ups");
    }

    @Test
    void anOperatorFundsATenantOnceAndTheHolderSeesItsBalanceAndStatement() {
        String carol = DemoUser.CAROL.tenant();
        long before = availableOf(DemoUser.CAROL, "CNY");
        String key = "boc-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("currency", "CNY", "amount", 100_000_000L, "reference", "BOC transfer 1");

        topUp(carol, key, body)
                .then()
                .statusCode(201)
                .body("tenant", equalTo(carol))
                .body("amount", equalTo(100_000_000))
                .body("balance.available", equalTo((int) (before + 100_000_000L)))
                .body("balance.fractionDigits", equalTo(2));
        // A retry (the network lost the answer) changes nothing and says so.
        topUp(carol, key, body)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("balance.available", equalTo((int) (before + 100_000_000L)));
        assertEquals(before + 100_000_000L, availableOf(DemoUser.CAROL, "CNY"));

        as(DemoUser.CAROL)
                .get("/accounts/" + carol + "/statement?currency=CNY&kind=TOP_UP&limit=1")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].kind", equalTo("TOP_UP"))
                .body("[0].account", equalTo("AVAILABLE"))
                .body("[0].amount", equalTo(100_000_000))
                .body("[0].reference", equalTo("BOC transfer 1"))
                .body("[0].balanceAfter", equalTo((int) (before + 100_000_000L)));
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndChangesNothing() {
        String tenant = freshTenant();
        topUp(tenant, "k1", Map.of("currency", "CNY", "amount", 500)).then().statusCode(201);
        topUp(tenant, "k1", Map.of("currency", "CNY", "amount", 501))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant)
                .then()
                .statusCode(200)
                .body("balances[0].available", equalTo(500));
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneEntry() throws Exception {
        String tenant = freshTenant();
        String key = "race-" + UUID.randomUUID();
        int callers = 8;
        String token = TestTokens.of(DemoUser.OLIVIA);
        List<Integer> statuses = atOnce(
                callers,
                n -> () -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", key)
                        .body(Map.of("currency", "CNY", "amount", 700))
                        .post("/accounts/" + tenant + "/top-ups")
                        .statusCode());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201), statuses::toString);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        as(DemoUser.OLIVIA).get("/accounts/" + tenant).then().body("balances[0].available", equalTo(700));
        // (That the callers really overlap is shown by concurrentFirstTopUpsOfANewTenantAllLand, released the same
        // way: it failed until concurrent inserts of one account were handled.)
    }

    @Test
    void concurrentFirstTopUpsOfANewTenantAllLand() throws Exception {
        // Each makes the tenant's account if it is not there: all but one find it made by another transaction,
        // committed while they waited on its key.
        String tenant = freshTenant();
        int callers = 8;
        String token = TestTokens.of(DemoUser.OLIVIA);
        List<Integer> statuses = atOnce(
                callers,
                n -> () -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", "first-" + n + "-" + tenant)
                        .body(Map.of("currency", "CNY", "amount", 100))
                        .post("/accounts/" + tenant + "/top-ups")
                        .statusCode());
        assertEquals(java.util.Collections.nCopies(callers, 201), statuses);
        as(DemoUser.OLIVIA).get("/accounts/" + tenant).then().body("balances[0].available", equalTo(100 * callers));
    }

    @Test
    void badTopUpsGetAProblemNamingTheFieldAndChangeNothing() throws SQLException {
        String tenant = freshTenant();
        long entries = count("select count(*) from journal_entry");
        record Case(Object body, int status, String field) {}
        List<Case> cases = List.of(
                new Case(Map.of("currency", "CNY", "amount", 0), 422, "amount"),
                new Case(Map.of("currency", "CNY", "amount", -5), 422, "amount"),
                new Case(Map.of("currency", "CNY", "amount", 10_000_000_000_001L), 422, "amount"),
                new Case("{\"currency\":\"CNY\",\"amount\":99999999999999999999999}", 422, "amount"),
                new Case("{\"currency\":\"CNY\",\"amount\":12.5}", 400, "amount"),
                new Case(Map.of("currency", "CNY", "amount", "lots"), 400, "amount"),
                new Case(Map.of("currency", "CNY"), 400, "amount"),
                new Case(Map.of("currency", "XYZ", "amount", 5), 422, "currency"),
                new Case(Map.of("currency", "cny", "amount", 5), 400, "currency"),
                new Case(Map.of("currency", "CNY", "amount", 5, "bonus", 1), 400, "bonus"),
                new Case(Map.of("currency", "CNY", "amount", 5, "reference", "x".repeat(201)), 422, "reference"));
        for (Case c : cases) {
            topUp(tenant, "bad-" + UUID.randomUUID(), c.body())
                    .then()
                    .statusCode(c.status())
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(c.field()));
        }
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "amount", 5))
                .post("/accounts/" + tenant + "/top-ups")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("Idempotency-Key"));
        topUp("Not A Tenant", "k", Map.of("currency", "CNY", "amount", 5))
                .then()
                .statusCode(400)
                .body("detail", containsString("tenant"));
        assertEquals(entries, count("select count(*) from journal_entry"));
    }

    @Test
    void onlyOperatorsMoveMoneyAndNobodySeesAnotherTenantsAccounts() {
        String carol = DemoUser.CAROL.tenant();
        as(DemoUser.CAROL)
                .header("Idempotency-Key", "self-" + UUID.randomUUID())
                .body(Map.of("currency", "CNY", "amount", 5))
                .post("/accounts/" + carol + "/top-ups")
                .then()
                .statusCode(403);
        as(DemoUser.ALICE)
                .body(Map.of("currency", "CNY", "creditLimit", 5))
                .put("/accounts/" + DemoUser.ALICE.tenant() + "/credit-limit")
                .then()
                .statusCode(403);
        as(DemoUser.DAVE).get("/accounts/" + carol).then().statusCode(404);
        as(DemoUser.DAVE).get("/accounts/" + carol + "/statement").then().statusCode(404);
        as(DemoUser.OLIVIA).get("/accounts/" + carol).then().statusCode(200);
        given().get("/accounts").then().statusCode(401);
    }

    @Test
    void aCreditLimitExtendsBuyingPowerAndCannotBeCutBelowTheCreditInUse() throws SQLException {
        String tenant = freshTenant();
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "creditLimit", 1_000))
                .put("/accounts/" + tenant + "/credit-limit")
                .then()
                .statusCode(200)
                .body("available", equalTo(0))
                .body("creditLimit", equalTo(1_000))
                .body("buyingPower", equalTo(1_000));
        // Nothing spends on credit yet (holds come next): the test moves the account itself, outside the ledger.
        try (Connection c = db()) {
            c.createStatement()
                    .executeUpdate("update account set debits = debits + 600 where tenant = '" + tenant
                            + "' and kind = 'AVAILABLE'");
        }
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "creditLimit", 500))
                .put("/accounts/" + tenant + "/credit-limit")
                .then()
                .statusCode(409)
                .body("errors.field", hasItem("creditLimit"));
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "creditLimit", 600))
                .put("/accounts/" + tenant + "/credit-limit")
                .then()
                .statusCode(200)
                .body("available", equalTo(-600))
                .body("buyingPower", equalTo(0));
    }

    @Test
    void theDatabaseRefusesAnOverdraftAndAnUnbalancedEntry() throws SQLException {
        String tenant = freshTenant();
        topUp(tenant, "k", Map.of("currency", "CNY", "amount", 100)).then().statusCode(201);
        try (Connection c = db()) {
            String overdraft = refused(c, "update account set debits = debits + 101 where tenant = '" + tenant + "'");
            assertTrue(overdraft.contains("account_not_overdrawn"), overdraft);
            UUID entry = UUID.randomUUID();
            c.setAutoCommit(false);
            c.createStatement()
                    .executeUpdate("insert into journal_entry (id, kind, tenant, currency, amount, requested_by, at) "
                            + "values ('" + entry + "', 'TOP_UP', '" + tenant + "', 'CNY', 5, 'test', now())");
            c.createStatement()
                    .executeUpdate("insert into posting (entry_id, account_id, amount, balance_after) select '" + entry
                            + "', id, 5, 0 from account where tenant = '" + tenant + "'");
            String unbalanced = refused(c, "commit");
            // Refused by whichever of the two commit-time checks runs first (per posting, or per entry).
            assertTrue(
                    unbalanced.contains("does not balance") || unbalanced.contains("has 1 postings summing to 5"),
                    unbalanced);
            c.rollback();
            // An entry with no postings at all moves nothing: refused too.
            c.createStatement()
                    .executeUpdate("insert into journal_entry (id, kind, tenant, currency, amount, requested_by, at) "
                            + "values ('" + UUID.randomUUID() + "', 'TOP_UP', '" + tenant
                            + "', 'CNY', 5, 'test', now())");
            String empty = refused(c, "commit");
            assertTrue(empty.contains("has 0 postings"), empty);
        }
    }

    @Test
    void everyEntryBalancesAndEveryAccountMatchesItsPostings() throws SQLException {
        String tenant = freshTenant();
        for (int i = 0; i < 3; i++) {
            topUp(tenant, "sum-" + i, Map.of("currency", i == 2 ? "USD" : "CNY", "amount", 100 + i))
                    .then()
                    .statusCode(201);
        }
        assertEquals(
                0,
                count("select count(*) from (select entry_id from posting group by entry_id "
                        + "having sum(amount) <> 0) x"));
        assertEquals(
                0,
                count("select count(*) from account a where a.tenant in ('" + tenant
                        + "', 'flopx') and a.credits - a.debits <> "
                        + "(select coalesce(sum(p.amount), 0) from posting p where p.account_id = a.id)"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant)
                .then()
                .body("balances.currency", equalTo(List.of("CNY", "USD")))
                .body("balances.available", equalTo(List.of(201, 102)));
    }

    @Test
    void aStatementPagesByWholeEntriesWithoutGapsOrRepeats() {
        String tenant = freshTenant();
        for (int i = 0; i < 5; i++) {
            topUp(tenant, "page-" + i, Map.of("currency", "CNY", "amount", 10 + i))
                    .then()
                    .statusCode(201);
        }
        Set<String> seen = new java.util.HashSet<>();
        String next = "/accounts/" + tenant + "/statement?limit=2";
        int pages = 0;
        while (next != null) {
            Response page = as(DemoUser.OLIVIA).get(next);
            page.then().statusCode(200);
            List<String> ids = page.jsonPath().getList("entryId");
            for (String id : ids) {
                assertTrue(seen.add(id), "entry " + id + " shown twice");
            }
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
            pages++;
        }
        assertEquals(5, seen.size());
        assertEquals(3, pages);
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statement?after=garbage")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("after"));
    }

    @Test
    void aMonthlyStatementOpensWhereTheLastClosedAndComesAsCsvToo() {
        String tenant = freshTenant();
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        topUp(tenant, "m1", Map.of("currency", "CNY", "amount", 150_000, "reference", "=HYPERLINK(\"x\"), first"))
                .then()
                .statusCode(201);
        topUp(tenant, "m2", Map.of("currency", "CNY", "amount", 2_550)).then().statusCode(201);
        topUp(tenant, "m3", Map.of("currency", "USD", "amount", 999)).then().statusCode(201);

        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statements/" + month + "?currency=CNY")
                .then()
                .statusCode(200)
                .body("month", equalTo(month))
                .body("accounts", hasSize(1))
                .body("accounts[0].account", equalTo("AVAILABLE"))
                .body("accounts[0].opening", equalTo(0))
                .body("accounts[0].credits", equalTo(152_550))
                .body("accounts[0].debits", equalTo(0))
                .body("accounts[0].closing", equalTo(152_550))
                .body("byKind[0].kind", equalTo("TOP_UP"))
                .body("byKind[0].entries", equalTo(2))
                .body("byKind[0].net", equalTo(152_550))
                .body("lines.amount", equalTo(List.of(150_000, 2_550)));
        // Last month's statement of the same account: nothing yet, so it opens and closes at zero.
        String last =
                java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1).toString();
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statements/" + last)
                .then()
                .statusCode(200)
                .body("accounts[0].opening", equalTo(0))
                .body("accounts[0].closing", equalTo(0))
                .body("lines", hasSize(0));

        String csv = given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .accept("text/csv")
                .get("/accounts/" + tenant + "/statements/" + month)
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString(tenant + "-" + month + "-CNY.csv"))
                .extract()
                .asString();
        String[] rows = csv.split("\r\n");
        assertEquals("at,entry,kind,reference,account,amount,balance_after", rows[0]);
        assertTrue(rows[1].contains(",OPENING,,AVAILABLE,,0.00"), rows[1]);
        // A reference that a spreadsheet would run as a formula is defused and quoted (it holds a comma).
        assertTrue(rows[2].contains(",TOP_UP,\"'=HYPERLINK(\"\"x\"\"), first\",AVAILABLE,1500.00,1500.00"), rows[2]);
        assertTrue(rows[3].endsWith(",TOP_UP,,AVAILABLE,25.50,1525.50"), rows[3]);
        assertTrue(rows[4].contains(",CLOSING,,AVAILABLE,,1525.50"), rows[4]);
        assertEquals(5, rows.length);

        as(DemoUser.DAVE)
                .get("/accounts/" + tenant + "/statements/" + month)
                .then()
                .statusCode(404);
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statements/2026-13")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("month"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statements/2099-01")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("month"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statements/" + month + "?currency=XAU")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("currency"));
    }

    @Test
    void operatorsSeeTheExchangesMoneyPerCurrencyAndOthersDoNot() {
        String tenant = freshTenant();
        topUp(tenant, "tot", Map.of("currency", "EUR", "amount", 4_000)).then().statusCode(201);
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "EUR", "creditLimit", 100))
                .put("/accounts/" + tenant + "/credit-limit")
                .then()
                .statusCode(200);
        Map<String, Object> eur = as(DemoUser.OLIVIA)
                .get("/ledger/totals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("find { it.currency == 'EUR' }");
        // Money paid in is what tenants hold: nothing else has moved in EUR.
        assertEquals(
                ((Number) eur.get("paidIn")).longValue(), ((Number) eur.get("available")).longValue(), eur::toString);
        assertTrue(((Number) eur.get("paidIn")).longValue() >= 4_000, eur::toString);
        assertTrue(((Number) eur.get("creditLimits")).longValue() >= 100, eur::toString);
        as(DemoUser.CAROL).get("/ledger/totals").then().statusCode(403);
    }

    private long availableOf(DemoUser user, String currency) {
        List<Map<String, Object>> balances =
                as(user).get("/accounts").then().statusCode(200).extract().path("balances");
        return balances.stream()
                .filter(b -> currency.equals(b.get("currency")))
                .mapToLong(b -> ((Number) b.get("available")).longValue())
                .findFirst()
                .orElse(0);
    }

    private static String refused(Connection c, String sql) {
        try {
            c.createStatement().execute(sql);
            return "accepted";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
