package io.flopx.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.Contracts;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Compute vouchers backing holds, on the real database and broker: vouchers arrive on {@code funding-events}
 * as settlement-service issues them; a placement takes the vouchers that may pay for every fill of the order
 * before money, soonest to expire first; fills draw on them and say so on {@code voucher-draws}; reversed
 * fills give their draws back. Each test has a tenant of its own (the same profile as PreTradeRiskTest, so
 * the same running application).
 */
@QuarkusTest
@TestProfile(PreTradeRiskTest.FundingRequired.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(CatalogStubResource.class)
class VoucherHoldTest {

    /** limit 2,000 x 8 devices x 4 hours. */
    private static final long EIGHT_DEVICES = 64_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    // PreTradeRiskTest's helpers (funding, buying power, placing, market events), on this test's broker.
    private final PreTradeRiskTest risk = new PreTradeRiskTest();

    private PreTradeRiskTest risk() {
        risk.kafka = kafka;
        return risk;
    }

    /** What settlement-service publishes when it issues a voucher; returns its id. */
    UUID voucher(String tenant, long amount, int days, List<String> hubs, Integer minGreenRating) {
        UUID id = UUID.randomUUID();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "VOUCHER_ISSUED");
        event.put("tenant", tenant);
        event.put("currency", "CNY");
        event.put("voucherId", id.toString());
        event.put("amount", amount);
        event.put("expiresAt", Instant.now().plus(days, ChronoUnit.DAYS).toString());
        event.put("hubs", hubs);
        event.put("minGreenRating", minGreenRating);
        event.put("maxPueMilli", null);
        try {
            kafka.produceStrings()
                    .fromRecords(
                            new ProducerRecord<>("funding-events", "voucher|" + id, JSON.writeValueAsString(event)))
                    .awaitCompletion();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    void awaitVouchers(String tenant, long left) {
        await().atMost(Duration.ofSeconds(20)).until(() -> risk().figure(tenant, "vouchersLeft") == left);
    }

    /** Eight devices in gansu only, at sites rated 4A or better: what a western, green voucher may pay for. */
    static Map<String, Object> gansuOrder(int devices) {
        Map<String, Object> order = OrderApiTest.devicesOrder(devices);
        order.put("hubs", List.of("gansu"));
        order.put("minGreenRating", "4A");
        return order;
    }

    /** The voucher-draws events of a fill, in order, as (type, voucher id -> amount). */
    List<JsonNode> drawsOf(UUID fillId, int expected) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> kafka
                                .consumeStrings()
                                .fromTopics("voucher-draws", Duration.ofSeconds(2))
                                .awaitCompletion()
                                .getRecords()
                                .stream()
                                .filter(r -> r.key().equals(fillId.toString()))
                                .map(r -> {
                                    try {
                                        return JSON.readTree(r.value());
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                })
                                .toList(),
                        list -> list.size() >= expected);
    }

    @Test
    void theVoucherIssuedFixtureIsWhatThisServiceReads() throws Exception {
        String tenant = PreTradeRiskTest.freshTenant();
        UUID id = UUID.randomUUID();
        String fixture = Contracts.fixture(Contracts.VOUCHER_ISSUED)
                .replace("\"dave\"", "\"" + tenant + "\"")
                .replace("5b7c2d1e-8f3a-4c6b-9d2e-1a2b3c4d5e6f", id.toString())
                .replace(
                        "2027-12-31",
                        Instant.now().plus(400, ChronoUnit.DAYS).toString().substring(0, 10));
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("funding-events", "voucher|" + id, fixture))
                .awaitCompletion();
        awaitVouchers(tenant, 20_000_000L);
    }

    /**
     * Vouchers that may pay for every fill of the order back its hold before money, soonest to expire first; a
     * voucher for other hubs, or one that expires before the order stops trading, does not. A fill draws on
     * them (and says so on voucher-draws), and what the order no longer needs goes back to the vouchers.
     */
    @Test
    void eligibleVouchersBackTheHoldFirstAndFillsDrawOnThem() {
        String tenant = PreTradeRiskTest.freshTenant();
        risk().fund(tenant, 100_000, 0);
        risk().awaitFunded(tenant, 100_000);
        UUID soonest = voucher(tenant, 30_000, 30, List.of("gansu", "ningxia"), 4);
        UUID later = voucher(tenant, 50_000, 60, List.of(), null);
        voucher(tenant, 70_000, 90, List.of("ningxia"), null); // not gansu
        voucher(tenant, 80_000, 1, List.of(), null); // expires before the order's good-till time
        voucher(tenant, 90_000, 90, List.of(), 5); // asks for 5A sites; the order takes 4A
        awaitVouchers(tenant, 320_000);

        String id = risk().place(tenant, gansuOrder(8))
                .then()
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("held", equalTo((int) EIGHT_DEVICES))
                .body("voucherHeld", equalTo((int) EIGHT_DEVICES))
                .extract()
                .path("id");
        assertEquals(0, risk().figure(tenant, "held"));
        assertEquals(100_000, risk().figure(tenant, "free"));
        assertEquals(EIGHT_DEVICES, risk().figure(tenant, "vouchersHeld"));

        // Eight devices at 1,500: 48,000, drawn from the soonest voucher (30,000), then the later (18,000); the
        // order is filled, so the later voucher's other 16,000 is no longer held.
        UUID fillId = UUID.randomUUID();
        risk().market(OrderApiTest.fill(id, fillId, 8, 1_500, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> risk().figure(tenant, "vouchersDrawn") == 48_000);
        assertEquals(0, risk().figure(tenant, "charged"));
        assertEquals(0, risk().figure(tenant, "vouchersHeld"));
        assertEquals(100_000, risk().figure(tenant, "free"));
        PreTradeRiskTest.as(tenant)
                .get("/orders/" + id)
                .then()
                .body("held", equalTo(0))
                .body("voucherHeld", equalTo(0));
        JsonNode drawn = drawsOf(fillId, 1).get(0);
        // Exactly the fields settlement-service reads (the contract fixture), no more, no fewer.
        assertEquals(
                Contracts.fieldNames(JSON, Contracts.fixture(Contracts.VOUCHER_DRAWN)),
                Contracts.fieldNames(JSON, drawn.toString()));
        assertEquals("VOUCHER_DRAWN", drawn.get("type").asText());
        assertEquals(tenant, drawn.get("tenant").asText());
        assertEquals("gansu", drawn.get("hub").asText());
        assertEquals(soonest.toString(), drawn.at("/draws/0/voucherId").asText());
        assertEquals(30_000, drawn.at("/draws/0/amount").asLong());
        assertEquals(later.toString(), drawn.at("/draws/1/voucherId").asText());
        assertEquals(18_000, drawn.at("/draws/1/amount").asLong());
        // The same fill again (a redelivery) draws nothing more: the next order's fill, after it on the same
        // partition, draws 4,000 from what the later voucher has left, and that is all that moves.
        risk().market(OrderApiTest.fill(id, fillId, 8, 1_500, null));
        String next = risk().place(tenant, gansuOrder(1))
                .then()
                .statusCode(201)
                .body("voucherHeld", equalTo(8_000))
                .extract()
                .path("id");
        risk().market(OrderApiTest.fill(next, UUID.randomUUID(), 1, 1_000, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> risk().figure(tenant, "vouchersHeld") == 0);
        assertEquals(52_000, risk().figure(tenant, "vouchersDrawn"));
        assertEquals(0, risk().figure(tenant, "charged"));
    }

    /**
     * An order its vouchers cannot back (no hub named, so it could fill where they do not pay) is held in money
     * only; short of money, it is refused with the shortfall, vouchers untouched.
     */
    @Test
    void vouchersBackOnlyOrdersTheyMayPayForEveryFillOf() {
        String tenant = PreTradeRiskTest.freshTenant();
        risk().fund(tenant, 10_000, 0);
        risk().awaitFunded(tenant, 10_000);
        voucher(tenant, 500_000, 30, List.of("gansu"), null);
        awaitVouchers(tenant, 500_000);
        Map<String, Object> anywhere = OrderApiTest.devicesOrder(8);
        anywhere.remove("hubs");
        risk().place(tenant, anywhere)
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("statusReason", startsWith("INSUFFICIENT_FUNDS"))
                .body("shortfall", equalTo((int) (EIGHT_DEVICES - 10_000)));
        assertEquals(0, risk().figure(tenant, "vouchersHeld"));
        // One device (8,000) is covered by money alone.
        anywhere.put("devices", 1);
        risk().place(tenant, anywhere)
                .then()
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("voucherHeld", equalTo(0));
        assertEquals(8_000, risk().figure(tenant, "held"));
        // Where the voucher pays, it backs the order although the money could not.
        risk().place(tenant, gansuOrder(8))
                .then()
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("voucherHeld", equalTo((int) EIGHT_DEVICES));
    }

    /**
     * A fill the capacity ledger refused gives its draws back to the vouchers (VOUCHER_RETURNED) and costs
     * nothing; the order, open again for what it lost, holds it until its cancel lands.
     */
    @Test
    void aReversedFillGivesItsDrawsBack() {
        String tenant = PreTradeRiskTest.freshTenant();
        risk().fund(tenant, 20_000, 0);
        risk().awaitFunded(tenant, 20_000);
        UUID voucher = voucher(tenant, 40_000, 30, List.of("gansu"), null);
        awaitVouchers(tenant, 40_000);
        Map<String, Object> order = gansuOrder(8);
        order.put("fillPolicy", "PARTIAL");
        // 64,000: 40,000 from the voucher, 24,000 money (more than the 20,000 paid in: refused).
        risk().place(tenant, order)
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("shortfall", equalTo(4_000));
        order.put("devices", 7); // 56,000: 40,000 voucher + 16,000 money
        String id = risk().place(tenant, order)
                .then()
                .statusCode(201)
                .body("voucherHeld", equalTo(40_000))
                .extract()
                .path("id");
        assertEquals(16_000, risk().figure(tenant, "held"));

        UUID fillId = UUID.randomUUID();
        risk().market(OrderApiTest.fill(id, fillId, 2, 1_500, null)); // 12,000, all from the voucher
        await().atMost(Duration.ofSeconds(20)).until(() -> risk().figure(tenant, "vouchersDrawn") == 12_000);
        // Five devices still wanted (40,000): the voucher's other 28,000 and 12,000 of money.
        assertEquals(28_000, risk().figure(tenant, "vouchersHeld"));
        assertEquals(12_000, risk().figure(tenant, "held"));
        assertEquals(0, risk().figure(tenant, "charged"));

        risk().refusedTwice(fillId, id);
        await().atMost(Duration.ofSeconds(20)).until(() -> risk().figure(tenant, "vouchersDrawn") == 0);
        List<JsonNode> events = drawsOf(fillId, 2);
        assertEquals("VOUCHER_RETURNED", events.get(1).get("type").asText());
        assertEquals(voucher.toString(), events.get(1).at("/draws/0/voucherId").asText());
        assertEquals(12_000, events.get(1).at("/draws/0/amount").asLong());
        assertEquals(0, risk().figure(tenant, "charged"));
        // Seven devices wanted again (56,000): the voucher backs 28,000 as before, money the rest.
        assertEquals(28_000, risk().figure(tenant, "vouchersHeld"));
        assertEquals(28_000, risk().figure(tenant, "held"));

        risk().cancelled(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> risk().figure(tenant, "held") == 0);
        assertEquals(0, risk().figure(tenant, "vouchersHeld"));
        assertEquals(40_000, risk().figure(tenant, "vouchersLeft"));
        assertEquals(20_000, risk().figure(tenant, "free"));
    }

    /** An amendment down gives back money first, then vouchers (latest to expire first). */
    @Test
    void anAmendmentDownReleasesMoneyBeforeVouchers() {
        String tenant = PreTradeRiskTest.freshTenant();
        risk().fund(tenant, 100_000, 0);
        risk().awaitFunded(tenant, 100_000);
        voucher(tenant, 24_000, 30, List.of("gansu"), null);
        awaitVouchers(tenant, 24_000);
        String id = risk().place(tenant, gansuOrder(8))
                .then()
                .statusCode(201)
                .body("voucherHeld", equalTo(24_000))
                .extract()
                .path("id");
        assertEquals(40_000, risk().figure(tenant, "held"));
        // Four devices: 32,000, of which the voucher still backs 24,000.
        PreTradeRiskTest.as(tenant)
                .body(Map.of("devices", 4))
                .patch("/orders/" + id)
                .then()
                .statusCode(200)
                .body("held", equalTo(32_000))
                .body("voucherHeld", equalTo(24_000));
        assertEquals(8_000, risk().figure(tenant, "held"));
        // Two devices: 16,000, all the voucher's; 8,000 of it back.
        PreTradeRiskTest.as(tenant)
                .body(Map.of("devices", 2))
                .patch("/orders/" + id)
                .then()
                .statusCode(200)
                .body("voucherHeld", equalTo(16_000));
        assertEquals(0, risk().figure(tenant, "held"));
        assertEquals(16_000, risk().figure(tenant, "vouchersHeld"));
        assertEquals(8_000, risk().figure(tenant, "vouchersLeft"));
    }

    /**
     * Many placements at once against one voucher and no money: the voucher backs exactly as many as its value
     * covers (the tenant's row lock orders them), never more.
     */
    @Test
    void concurrentPlacementsNeverHoldMoreOfAVoucherThanItHas() throws Exception {
        String tenant = PreTradeRiskTest.freshTenant();
        voucher(tenant, 3 * EIGHT_DEVICES + 100, 30, List.of("gansu"), null);
        awaitVouchers(tenant, 3 * EIGHT_DEVICES + 100);
        List<String> statuses = risk().placeAtOnce(tenant, gansuOrder(8), 20);
        assertEquals(3, statuses.stream().filter("ACCEPTED"::equals).count(), statuses.toString());
        assertEquals(3 * EIGHT_DEVICES, risk().figure(tenant, "vouchersHeld"));
        assertEquals(100, risk().figure(tenant, "vouchersLeft"));
        assertEquals(0, risk().figure(tenant, "held"));
    }
}
