package io.flopx.settlement;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.embedded.Contracts;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import io.flopx.settlement.service.TradeSettlement;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fills settle in the ledger: the buyer's money to the provider's escrow when they trade, escrow to the
 * provider's payable less the fee as hour slots pass, everything back to the buyer when the provider's
 * capacity ledger refuses the fill. Real PostgreSQL and Kafka: the tests publish the matcher's and
 * catalog-service's events (from the contract fixtures) and watch the API and the ledger's tables.
 */
@QuarkusTest
class TradeSettlementTest extends SettlementTestBase {

    /**
     * Its cases are built from the current hour: one that turns mid-test changes what they must expect (at
     * 19:59:59 an outage ending at 20:00 was still to come; answered at 20:00:01 it was valid, 200 not 422).
     */
    @BeforeEach
    void notAcrossAnHour() throws InterruptedException {
        HourTurn.clearOfTheHoursEnd(Duration.ofSeconds(90));
    }

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    TradeSettlement settlement;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFillMovesItsCostIntoEscrowOnceHoweverOftenItIsDelivered() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        AccountApiTest.topUp(buyer, "trade-" + buyer, Map.of("currency", "CNY", "amount", 1_000_000))
                .then()
                .statusCode(201);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(3));
        String fill = fill(buyer, provider, start, 10, 116_000);
        String fillId = json.readTree(fill).get("eventId").asText();
        publish("market-events", fill);
        publish("market-events", fill);

        JsonPath lease = awaitSettlement(fillId, "ESCROWED");
        assertEquals(116_000, lease.getLong("escrow"));
        assertEquals(150, lease.getInt("feeBps"));
        assertEquals(10, lease.getInt("hours"));
        assertEquals(0, lease.getInt("hoursPaid"));
        // Give the redelivery time to arrive: it is the second record of the same partition.
        publish("market-events", fill(buyer, provider, start, 1, 1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from lease_settlement where buyer = '" + buyer + "'") == 2);
        assertEquals(
                1, count("select count(*) from journal_entry where kind = 'TRADE' and reference = '" + fillId + "'"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + buyer)
                .then()
                .statusCode(200)
                .body("balances[0].available", equalTo(1_000_000 - 116_000 - 1));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + provider)
                .then()
                .statusCode(200)
                .body("balances[0].escrow", equalTo(116_001));
        // The operators' totals show the fills' money by hub (the contract fixture's fills trade in ningxia).
        long traded = ((Number) as(DemoUser.OLIVIA)
                        .get("/ledger/totals")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("find { it.currency == 'CNY' }.hubs.find { it.hub == 'ningxia' }.traded"))
                .longValue();
        assertTrue(traded >= 116_001, "ningxia traded " + traded);
        // The currency's traded value is the sum over its hubs.
        List<Number> byHub = as(DemoUser.OLIVIA)
                .get("/ledger/totals")
                .then()
                .extract()
                .path("find { it.currency == 'CNY' }.hubs.traded");
        long total = ((Number) as(DemoUser.OLIVIA)
                        .get("/ledger/totals")
                        .then()
                        .extract()
                        .path("find { it.currency == 'CNY' }.traded"))
                .longValue();
        assertTrue(total >= byHub.stream().mapToLong(Number::longValue).sum() && total >= traded, "traded " + total);
        assertLedgerBalances(fillId);
    }

    @Test
    void passedHourSlotsArePaidOutLessTheProvidersFee() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        as(DemoUser.OLIVIA)
                .body(Map.of("bps", 200))
                .put("/fees/" + provider)
                .then()
                .statusCode(200)
                .body("bps", equalTo(200))
                .body("overridden", equalTo(true));
        // Three hour slots, two of them over: two thirds of the cost leave escrow, 2 % of that is the fee.
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        String fill = fill(buyer, provider, start, 3, 90_000);
        String fillId = json.readTree(fill).get("eventId").asText();
        publish("market-events", fill);

        JsonPath lease = awaitSettlement(fillId, "PAYING_OUT");
        assertEquals(2, lease.getInt("hoursPaid"));
        assertEquals(30_000, lease.getLong("escrow"));
        assertEquals(58_800, lease.getLong("paidOut"));
        assertEquals(1_200, lease.getLong("fees"));
        assertEquals(200, lease.getInt("feeBps"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + provider)
                .then()
                .statusCode(200)
                .body("balances[0].escrow", equalTo(30_000))
                .body("balances[0].payable", equalTo(58_800));
        // An unfunded buyer's trade still settles: the hold that funded it lives in order-service.
        as(DemoUser.OLIVIA)
                .get("/accounts/" + buyer)
                .then()
                .statusCode(200)
                .body("balances[0].available", equalTo(-90_000));
        // The buyer is now past its limit (0): a top-up that does not clear the debt still lands, as it makes
        // the overdraft smaller (so does a refund: LedgerPropertyTest).
        AccountApiTest.topUp(buyer, "part-" + buyer, Map.of("currency", "CNY", "amount", 1_000))
                .then()
                .statusCode(201);
        // Everything else is still refused when it takes the account further past its limit: a limit that
        // covers the debt is fine, lowering it below what is in use again is a 409.
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "creditLimit", 100_000))
                .put("/accounts/" + buyer + "/credit-limit")
                .then()
                .statusCode(200);
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "creditLimit", 10))
                .put("/accounts/" + buyer + "/credit-limit")
                .then()
                .statusCode(409);
        // The month's statements show the lease: the buyer's charge, the provider's escrow, payout and fee.
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        String ofLease = "byLease.find { it.fillId == '" + fillId + "' }.";
        as(DemoUser.OLIVIA)
                .get("/accounts/" + buyer + "/statements/" + month)
                .then()
                .statusCode(200)
                .body(ofLease + "charged", equalTo(90_000))
                .body(ofLease + "fromVouchers", equalTo(0))
                .body("spend.inMoney", equalTo(90_000));
        String csv = as(DemoUser.OLIVIA)
                .accept("text/csv")
                .get("/accounts/" + buyer + "/statements/" + month)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.contains(",SPENT_CHARGED,,AVAILABLE,900.00,\r\n"), csv);
        assertTrue(csv.contains(",SPENT_IN_MONEY,,AVAILABLE,900.00,\r\n"), csv);
        as(DemoUser.OLIVIA)
                .get("/accounts/" + provider + "/statements/" + month)
                .then()
                .statusCode(200)
                .body(ofLease + "escrowed", equalTo(90_000))
                .body(ofLease + "paidOut", equalTo(58_800))
                .body(ofLease + "fees", equalTo(1_200))
                .body(ofLease + "charged", equalTo(0));
        // Fee changes apply to later fills only.
        as(DemoUser.OLIVIA).delete("/fees/" + provider).then().statusCode(200).body("bps", equalTo(150));
        assertEquals(
                200,
                as(DemoUser.OLIVIA).get("/settlements/" + fillId).jsonPath().getInt("feeBps"));
        assertLedgerBalances(fillId);
    }

    @Test
    void aRefusedFillIsRefundedInFullEvenWhenTheRefusalArrivesFirst() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        String fill = fill(buyer, provider, start, 4, 40_000);
        String fillId = json.readTree(fill).get("eventId").asText();
        ObjectNode refusal = (ObjectNode) json.readTree(Contracts.fixture(Contracts.FILL_REFUSED));
        refusal.put("eventId", UUID.randomUUID().toString());
        refusal.put("fillId", fillId);
        refusal.put("reason", "would lease more devices than listed in some hour slot");
        // Before its fill, a refusal cannot be refunded, and says so with a failure the consumer retries.
        UUID id = UUID.fromString(fillId);
        assertThrows(
                TradeSettlement.FillNotSettledYet.class,
                () -> settlement.refused(id, "early", Instant.now()).await().indefinitely());
        // Over Kafka: the refusal is consumed (and retried with back-off) a moment before its fill arrives.
        publish("lease-events", refusal.toString());
        Thread.sleep(1_500);
        publish("market-events", fill);

        JsonPath lease = awaitSettlement(fillId, "REFUNDED");
        assertEquals(40_000, lease.getLong("refunded"));
        assertEquals(0, lease.getLong("escrow"));
        assertEquals("would lease more devices than listed in some hour slot", lease.getString("refundReason"));
        as(DemoUser.OLIVIA).get("/accounts/" + buyer).then().statusCode(200).body("balances[0].available", equalTo(0));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + provider)
                .then()
                .statusCode(200)
                .body("balances[0].escrow", equalTo(0))
                .body("balances[0].payable", equalTo(0));
        // A redelivered refusal refunds nothing twice. A second refused fill on the same partition, after it,
        // shows when the redelivery has been handled.
        publish("lease-events", refusal.toString());
        String marker = fill(buyer, provider, start.plus(Duration.ofHours(5)), 1, 5);
        String markerId = json.readTree(marker).get("eventId").asText();
        publish("market-events", marker);
        awaitSettlement(markerId, "ESCROWED");
        refusal.put("eventId", UUID.randomUUID().toString());
        refusal.put("fillId", markerId);
        publish("lease-events", refusal.toString());
        awaitSettlement(markerId, "REFUNDED");
        assertEquals(
                1,
                count("select count(*) from journal_entry where kind = 'TRADE_REFUNDED' and reference = '" + fillId
                        + "'"));
        assertLedgerBalances(fillId);
    }

    @Test
    void aFillsMoneyIsSeenByItsBuyerAndProviderOnly() throws Exception {
        String carol = DemoUser.CAROL.tenant();
        String alice = DemoUser.ALICE.tenant();
        String fill =
                fill(carol, alice, Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(5)), 1, 7);
        String fillId = json.readTree(fill).get("eventId").asText();
        publish("market-events", fill);
        awaitSettlement(fillId, "ESCROWED");
        as(DemoUser.CAROL).get("/settlements/" + fillId).then().statusCode(200).body("buyer", equalTo(carol));
        as(DemoUser.ALICE).get("/settlements/" + fillId).then().statusCode(200).body("provider", equalTo(alice));
        as(DemoUser.DAVE).get("/settlements/" + fillId).then().statusCode(404);
        as(DemoUser.BOB).get("/settlements/" + fillId).then().statusCode(404);
        as(DemoUser.CAROL)
                .get("/settlements?limit=500")
                .then()
                .statusCode(200)
                .body("fillId", hasItem(fillId))
                .body("findAll { it.buyer != '" + carol + "' && it.provider != '" + carol + "' }.size()", equalTo(0));
        as(DemoUser.DAVE).get("/settlements?limit=500").then().statusCode(200).body("fillId", not(hasItem(fillId)));
        // Fees are operators' to set, and each provider's to read.
        as(DemoUser.ALICE).body(Map.of("bps", 0)).put("/fees/" + alice).then().statusCode(403);
        as(DemoUser.ALICE).get("/fees/" + DemoUser.BOB.tenant()).then().statusCode(404);
        as(DemoUser.OLIVIA)
                .body(Map.of("bps", 5_001))
                .put("/fees/" + alice)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("bps"));
        as(DemoUser.OLIVIA)
                .body(Map.of("bps", 10, "extra", 1))
                .put("/fees/" + alice)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("extra"));
    }

    /**
     * A tenant's list holds what it bought and what it provided, merged newest first, each fill once (a fill it
     * both bought and provided too: the matcher refuses self-trades, the ledger does not rely on it), and paging
     * through it a fill at a time (Link headers) walks the same list; an order's filter and an operator's
     * tenant filter read the same leases.
     */
    @Test
    void aTenantsListMergesWhatItBoughtAndProvidedNewestFirstPageByPage() throws Exception {
        String carol = DemoUser.CAROL.tenant();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(7));
        List<JsonNode> fills = List.of(
                json.readTree(fill(carol, DemoUser.ALICE.tenant(), start, 1, 3)),
                json.readTree(fill(DemoUser.DAVE.tenant(), carol, start, 1, 4)),
                json.readTree(fill(carol, DemoUser.ALICE.tenant(), start, 1, 5)),
                json.readTree(fill(carol, carol, start, 1, 6)));
        for (JsonNode f : fills) {
            publish("market-events", f.toString());
            awaitSettlement(f.get("eventId").asText(), "ESCROWED");
        }

        List<Map<String, Object>> whole =
                as(DemoUser.CAROL).get("/settlements?limit=500").jsonPath().getList("$");
        List<String> ids = whole.stream().map(l -> (String) l.get("fillId")).toList();
        for (JsonNode f : fills) {
            assertTrue(ids.contains(f.get("eventId").asText()), "carol's list holds " + f);
        }
        assertEquals(ids.size(), Set.copyOf(ids).size(), "each fill once");
        assertTrue(whole.stream().allMatch(l -> carol.equals(l.get("buyer")) || carol.equals(l.get("provider"))));
        for (int i = 1; i < whole.size(); i++) {
            Instant before = Instant.parse((String) whole.get(i - 1).get("tradedAt"));
            Instant after = Instant.parse((String) whole.get(i).get("tradedAt"));
            assertTrue(
                    before.isAfter(after)
                            || before.equals(after)
                                    && UUID.fromString(ids.get(i - 1)).compareTo(UUID.fromString(ids.get(i))) > 0,
                    "newest first at " + i + ": " + whole);
        }

        List<String> paged = new ArrayList<>();
        String next = "/settlements?limit=1";
        while (next != null && paged.size() <= ids.size()) {
            var page = as(DemoUser.CAROL).get(next);
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("fillId"));
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertEquals(ids, paged, "page by page is the same list");
        assertEquals(
                ids,
                as(DemoUser.OLIVIA)
                        .get("/settlements?limit=500&tenant=" + carol)
                        .jsonPath()
                        .getList("fillId"));

        String provided = fills.get(1).get("eventId").asText();
        String providedOrder = fills.get(1).get("orderId").asText();
        as(DemoUser.CAROL).get("/settlements?order=" + providedOrder).then().body("fillId", equalTo(List.of(provided)));
        as(DemoUser.DAVE).get("/settlements?order=" + providedOrder).then().body("fillId", equalTo(List.of(provided)));
        as(DemoUser.ALICE).get("/settlements?order=" + providedOrder).then().body("size()", equalTo(0));
        as(DemoUser.OLIVIA)
                .get("/settlements?order=" + providedOrder + "&tenant=" + DemoUser.ALICE.tenant())
                .then()
                .body("size()", equalTo(0));
    }

    /**
     * The fill's entries each sum to zero, and every account they touched holds exactly the sum of its
     * postings (another test moves an account's totals by hand, so the ledger as a whole is not checked here).
     */
    /** A fill as the matcher publishes it (the contract fixture), for these parties, hours and cost. */
    private String fill(String buyer, String provider, Instant start, int hours, long cost) throws Exception {
        ObjectNode fill = (ObjectNode) json.readTree(Contracts.fixture(Contracts.MARKET_FILL));
        fill.put("eventId", UUID.randomUUID().toString());
        fill.put("orderId", UUID.randomUUID().toString());
        fill.put("enterpriseTenant", buyer);
        fill.put("providerTenant", provider);
        fill.put("start", start.toString());
        fill.put("end", start.plus(Duration.ofHours(hours)).toString());
        fill.put("cost", cost);
        fill.put("occurredAt", Instant.now().toString());
        return fill.toString();
    }

    private void publish(String topic, String value) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(topic, "ningxia", value))
                .awaitCompletion();
    }
}
