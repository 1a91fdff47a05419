package io.flopx.settlement;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.embedded.Contracts;
import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Compute vouchers paying for fills, on a real PostgreSQL and Kafka: a voucher issued is announced on
 * funding-events (for order-service's holds); what order-service says a fill drew from vouchers
 * (voucher-draws) moves from each voucher's account to the buyer's, once; a reversed fill's draws go back; a
 * draw that arrives after its voucher lapsed is paid by the program's lapsed account. Statements show voucher
 * and money spend apart, programs their use by hub.
 */
@QuarkusTest
class VoucherSpendingTest extends SettlementTestBase {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private final ObjectMapper json = new ObjectMapper();

    private String issue(String program, String tenant, long amount, Instant expires) {
        Map<String, Object> body = VoucherApiTest.voucher(program, tenant, amount, expires);
        return VoucherApiTest.issue("v-" + UUID.randomUUID(), body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** What order-service publishes when a fill drew on vouchers (the contract fixture, for these parties). */
    private String drawEvent(String type, UUID fillId, String tenant, String hub, Map<String, Long> draws) {
        ObjectNode event = (ObjectNode) readTree(Contracts.fixture(Contracts.VOUCHER_DRAWN));
        event.put("type", type);
        event.put("fillId", fillId.toString());
        event.put("orderId", UUID.randomUUID().toString());
        event.put("tenant", tenant);
        event.put("hub", hub);
        event.put("at", Instant.now().toString());
        ArrayNode list = event.putArray("draws");
        draws.forEach(
                (voucher, amount) -> list.addObject().put("voucherId", voucher).put("amount", amount));
        return event.toString();
    }

    private void publish(UUID fillId, String event) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("voucher-draws", fillId.toString(), event))
                .awaitCompletion();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long remaining(String tenant, String voucherId) {
        return ((Number) as(DemoUser.OLIVIA)
                        .get("/vouchers?tenant=" + tenant)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("find { it.id == '" + voucherId + "' }.remaining"))
                .longValue();
    }

    private long available(String tenant) {
        return ((Number) as(DemoUser.OLIVIA)
                        .get("/accounts/" + tenant)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("balances.find { it.currency == 'CNY' }.available"))
                .longValue();
    }

    @Test
    void anIssuedVoucherIsAnnouncedWithTheFieldsOrderServiceReads() throws Exception {
        String tenant = AccountApiTest.freshTenant();
        String id =
                issue(VoucherApiTest.program(), tenant, 12_345, Instant.now().plus(40, ChronoUnit.DAYS));
        JsonNode announced = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> kafka
                                .consumeStrings()
                                .fromTopics("funding-events", Duration.ofSeconds(2))
                                .awaitCompletion()
                                .getRecords()
                                .stream()
                                .filter(r -> ("voucher|" + id).equals(r.key()))
                                .map(ConsumerRecord::value)
                                .map(this::readTree)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertEquals(
                Contracts.fieldNames(json, Contracts.fixture(Contracts.VOUCHER_ISSUED)),
                Contracts.fieldNames(json, announced.toString()));
        assertEquals("VOUCHER_ISSUED", announced.get("type").asText());
        assertEquals(tenant, announced.get("tenant").asText());
        assertEquals(12_345, announced.get("amount").asLong());
        assertEquals(
                List.of("guizhou", "ningxia"),
                List.of(
                        announced.get("hubs").get(0).asText(),
                        announced.get("hubs").get(1).asText()));
        assertEquals(4, announced.get("minGreenRating").asInt());
        assertEquals(1250, announced.get("maxPueMilli").asInt());
        Instant.parse(announced.get("expiresAt").asText());
    }

    /**
     * A fill's draws move the vouchers' value to the buyer once, however often they are delivered; a reversed
     * fill gives them back; the month's statement shows what vouchers paid apart from money, and the program
     * its use by hub.
     */
    @Test
    void drawsPayForFillsOnceAndReversedFillsGiveThemBack() throws Exception {
        String tenant = AccountApiTest.freshTenant();
        String program = VoucherApiTest.program();
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS);
        String first = issue(program, tenant, 30_000, expires);
        String second = issue(program, tenant, 50_000, expires.plus(1, ChronoUnit.DAYS));
        UUID fill = UUID.randomUUID();
        String drawn = drawEvent("VOUCHER_DRAWN", fill, tenant, "guizhou", Map.of(first, 30_000L, second, 18_000L));
        publish(fill, drawn);
        publish(fill, drawn);
        UUID other = UUID.randomUUID();
        publish(other, drawEvent("VOUCHER_DRAWN", other, tenant, "ningxia", Map.of(second, 2_000L)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> remaining(tenant, second) == 30_000);
        assertEquals(0, remaining(tenant, first));
        assertEquals(50_000, available(tenant));
        assertEquals(
                1,
                count("select count(*) from journal_entry where kind = 'VOUCHER_DRAWN' and reference = '" + fill
                        + "'"));

        as(DemoUser.OLIVIA)
                .get("/vouchers/programs/" + program)
                .then()
                .statusCode(200)
                .body("[0].redeemed", equalTo(50_000))
                .body("[0].byHub.find { it.hub == 'guizhou' }.redeemed", equalTo(48_000))
                .body("[0].byHub.find { it.hub == 'ningxia' }.redeemed", equalTo(2_000));

        UUID back = fill;
        publish(back, drawEvent("VOUCHER_RETURNED", back, tenant, "guizhou", Map.of(first, 30_000L, second, 18_000L)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> remaining(tenant, first) == 30_000);
        assertEquals(48_000, remaining(tenant, second));
        assertEquals(2_000, available(tenant));
        as(DemoUser.OLIVIA)
                .get("/vouchers/programs/" + program)
                .then()
                .body("[0].redeemed", equalTo(2_000))
                .body("[0].byHub.hub", equalTo(List.of("ningxia")));
        // The statement of the month: what vouchers paid, by lease (the fill) and in all.
        JsonPath month = as(DemoUser.OLIVIA)
                .get("/accounts/" + tenant + "/statements/" + YearMonth.now(ZoneOffset.UTC))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(0, month.getLong("byLease.find { it.fillId == '" + fill + "' }.fromVouchers"));
        assertEquals(2_000, month.getLong("byLease.find { it.fillId == '" + other + "' }.fromVouchers"));
        assertEquals(2_000, month.getLong("spend.fromVouchers"));
        // The CSV download says the same in major units (no trades here: charged 0, so no spend rows).
        String csv = as(DemoUser.OLIVIA)
                .accept("text/csv")
                .get("/accounts/" + tenant + "/statements/" + YearMonth.now(ZoneOffset.UTC))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.contains(",VOUCHER_DRAWN," + other + ",AVAILABLE,20.00,"), csv);
        assertLedgerBalanced();
    }

    /**
     * A draw that reaches the ledger after its voucher lapsed (order-service held it before the expiry) is paid
     * from what the lapse gave back to the program.
     */
    @Test
    void aDrawAfterTheVoucherLapsedIsPaidFromTheProgramsLapsedValue() throws Exception {
        String tenant = AccountApiTest.freshTenant();
        String program = VoucherApiTest.program();
        String id = issue(program, tenant, 9_000, Instant.now().plus(2, ChronoUnit.SECONDS));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        count("select count(*) from voucher where lapsed_at is not null and id = '" + id + "'") == 1);
        UUID fill = UUID.randomUUID();
        publish(fill, drawEvent("VOUCHER_DRAWN", fill, tenant, "guizhou", Map.of(id, 4_000L)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> available(tenant) == 4_000);
        as(DemoUser.OLIVIA)
                .get("/vouchers/programs/" + program)
                .then()
                .body("[0].lapsed", equalTo(5_000))
                .body("[0].redeemed", equalTo(4_000))
                .body("[0].byHub[0].hub", equalTo("guizhou"));
        assertLedgerBalanced();
    }

    /**
     * A draw for a fill in a hub the voucher may not pay in is refused (order-service never makes one; this
     * ledger does not take its word for it): nothing moves, and the event ends on the dead-letter topic.
     */
    @Test
    void aDrawOutsideTheVouchersHubsMovesNothing() throws Exception {
        String tenant = AccountApiTest.freshTenant();
        String id = issue(VoucherApiTest.program(), tenant, 9_000, Instant.now().plus(30, ChronoUnit.DAYS));
        UUID fill = UUID.randomUUID();
        publish(fill, drawEvent("VOUCHER_DRAWN", fill, tenant, "gansu", Map.of(id, 4_000L)));
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .until(() -> kafka
                        .consumeStrings()
                        .fromTopics("voucher-draws-dlq-settlement", Duration.ofSeconds(2))
                        .awaitCompletion()
                        .getRecords()
                        .stream()
                        .anyMatch(r -> fill.toString().equals(r.key())));
        assertEquals(9_000, remaining(tenant, id));
        assertEquals(0, count("select count(*) from journal_entry where reference = '" + fill + "'"));
    }

    /** Every entry sums to zero, and every account holds the sum of its postings. */
    private void assertLedgerBalanced() throws Exception {
        assertEquals(
                0,
                count("select count(*) from (select entry_id from posting group by entry_id "
                        + "having sum(amount) <> 0) unbalanced"));
        assertEquals(
                0,
                count("select count(*) from account a where a.kind in ('VOUCHER', 'PROGRAM_LAPSED') and "
                        + "a.credits - a.debits <> coalesce((select sum(amount) from posting p where "
                        + "p.account_id = a.id), 0)"));
    }
}
