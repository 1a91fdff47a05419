package io.flopx.settlement;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.embedded.Contracts;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery records and SLA credits on real PostgreSQL and Kafka: an offering's commitment learnt from
 * offering-events, fills from market-events, providers' agents (role agent, bound to their tenant) reporting
 * starts, hours and outages, buyers disputing, operators deciding; the ledger's money after each.
 * The test profile's grace period is an hour.
 */
@QuarkusTest
class DeliveryTest extends SettlementTestBase {

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

    private final ObjectMapper json = new ObjectMapper();

    static RequestSpecification agent(String tenant) {
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.mint("agent-" + tenant, tenant, Set.of("agent"), TestTokens.AUDIENCE))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification enterprise(String tenant) {
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.mint("buyer-" + tenant, tenant, Set.of("enterprise"), TestTokens.AUDIENCE))
                .contentType(ContentType.JSON);
    }

    /** 8 devices for 3 hours from an hour ago, at 10,000 per device-hour, on an offering committed to 99.5 %. */
    @Test
    void anOutageIsCreditedAtOnceWithTheTiersPenaltyAndAnAcceptedDisputeCreditsItsHour() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = hour.minus(Duration.ofHours(1));
        UUID offering = listOffering(provider, 9950);
        String fillId = trade(buyer, provider, offering, start, 3, 240_000);

        // The start, on these devices: once (a repeat answers the first report, other devices are a conflict).
        agent(provider)
                .body(Map.of("startedAt", start.toString(), "deviceIds", List.of("h100-01", "h100-02")))
                .post("/deliveries/" + fillId + "/start")
                .then()
                .statusCode(200)
                .body("started.deviceIds[1]", equalTo("h100-02"))
                .body("availabilityBps", equalTo(9950));
        agent(provider)
                .body(Map.of("deviceIds", List.of("h100-09")))
                .post("/deliveries/" + fillId + "/start")
                .then()
                .statusCode(409)
                .body("errors.field", org.hamcrest.Matchers.hasItem("deviceIds"));

        // The first hour, reported fully available: judged at once, its money leaves escrow for the provider.
        agent(provider)
                .body(Map.of("hour", start.toString(), "devicesAvailable", 8))
                .post("/deliveries/" + fillId + "/hours")
                .then()
                .statusCode(200)
                .body("hours[0].state", equalTo("DELIVERED"))
                .body("hours[0].basis", equalTo("REPORTED"))
                .body("hours[1].state", equalTo("PENDING"))
                .body("credited", equalTo(0));
        JsonPath paid = settlement(fillId);
        assertEquals(160_000, paid.getLong("escrow"));
        assertEquals(78_800, paid.getLong("paidOut"));
        // The same report again changes nothing; a different one is a conflict.
        agent(provider)
                .body(Map.of("hour", start.toString(), "devicesAvailable", 8))
                .post("/deliveries/" + fillId + "/hours")
                .then()
                .statusCode(200);
        agent(provider)
                .body(Map.of("hour", start.toString(), "devicesAvailable", 6))
                .post("/deliveries/" + fillId + "/hours")
                .then()
                .statusCode(409)
                .body("errors.field", org.hamcrest.Matchers.hasItem("devicesAvailable"));

        // Then an outage of 2 devices in that hour: 2 device-hours undelivered (20,000 at the trade price), the
        // 99.5 % commitment missed (it allows 0.12 of the 24 device-hours): twice that as a penalty, taken
        // back from the provider's payable and the fee, and credited to the buyer at once.
        agent(provider)
                .body(Map.of(
                        "start",
                        start.plus(Duration.ofMinutes(10)).toString(),
                        "end",
                        start.plus(Duration.ofMinutes(40)).toString(),
                        "devices",
                        2,
                        "cause",
                        "NVLink switch failure"))
                .post("/deliveries/" + fillId + "/outages")
                .then()
                .statusCode(200)
                .body("hours[0].state", equalTo("PARTIAL"))
                .body("hours[0].undelivered", equalTo(2))
                .body("outages[0].cause", equalTo("NVLink switch failure"))
                .body("credited", equalTo(60_000))
                .body("penalty", equalTo(40_000))
                .body("commitmentMissed", equalTo(true));
        JsonPath credited = settlement(fillId);
        assertEquals(60_000, credited.getLong("slaCredited"));
        assertEquals(19_700, credited.getLong("paidOut"));
        assertEquals(300, credited.getLong("fees"));
        assertEquals(160_000, credited.getLong("escrow"));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + buyer)
                .then()
                .statusCode(200)
                .body("balances[0].available", equalTo(-240_000 + 60_000));
        // Credits count as paid back for pre-trade risk (order-service learns it from funding-events).
        assertEquals(60_000, paidIn(buyer));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + provider)
                .then()
                .statusCode(200)
                .body("balances[0].payable", equalTo(19_700));

        // The buyer disputes the hour under way; an operator accepts: 8 more device-hours undelivered.
        String disputeId = enterprise(buyer)
                .body(Map.of("hour", hour.toString(), "reason", "the jobs could not reach any device"))
                .post("/deliveries/" + fillId + "/disputes")
                .then()
                .statusCode(200)
                .body("state", equalTo("OPEN"))
                .extract()
                .path("id");
        as(DemoUser.OLIVIA)
                .get("/disputes?state=OPEN&limit=500")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(disputeId));
        as(DemoUser.OLIVIA)
                .body(Map.of("accept", true, "note", "the switch logs agree"))
                .post("/disputes/" + disputeId + "/decision")
                .then()
                .statusCode(200)
                .body("state", equalTo("ACCEPTED"))
                .body("decidedBy", equalTo(DemoUser.OLIVIA.tenant()));
        as(DemoUser.OLIVIA)
                .body(Map.of("accept", false, "note", "second thoughts"))
                .post("/disputes/" + disputeId + "/decision")
                .then()
                .statusCode(409)
                .body("errors.field", org.hamcrest.Matchers.hasItem("dispute"));
        // 10 of 24 device-hours undelivered: 100,000 back at the trade price; the penalty is capped by what the
        // provider earned on the two released hours (160,000 - 100,000), so the provider keeps nothing of them.
        JsonPath view = enterprise(buyer)
                .get("/deliveries/" + fillId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("UNDELIVERED", view.getString("hours[1].state"));
        assertEquals("DISPUTE", view.getString("hours[1].basis"));
        assertEquals(160_000, view.getLong("credited"));
        assertEquals(160_000, paidIn(buyer));
        JsonPath after = settlement(fillId);
        assertEquals(0, after.getLong("paidOut"));
        assertEquals(0, after.getLong("fees"));
        assertEquals(80_000, after.getLong("escrow"));
        assertTrue(after.getLong("slaCredited") <= after.getLong("cost"));
        assertLedgerBalances(fillId);

        // delivery-events: the records as made and the lease's summary, keyed by the lease.
        List<JsonNode> events = deliveryEvents(fillId, 6);
        JsonNode summary = events.stream()
                .filter(e -> e.get("type").asText().equals("LEASE_DELIVERY"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(160_000, summary.get("credited").asLong());
        assertEquals(16, summary.get("judgedDeviceHours").asLong());
        assertEquals(6, summary.get("deliveredDeviceHours").asLong());
        assertEquals(
                Contracts.fieldNames(json, Contracts.fixture(Contracts.LEASE_DELIVERY)),
                Contracts.fieldNames(json, summary.toString()));
        assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("OUTAGE_REPORTED")));
        assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("DISPUTE_DECIDED")));
    }

    @Test
    void anHourNobodyReportedIsUndeliveredAfterTheGracePeriodAndItsWholeCostGoesBack() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        UUID offering = listOffering(provider, 9900);
        String fillId = trade(buyer, provider, offering, start, 1, 50_000);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> settlement(fillId).getString("state").equals("PAID_OUT"));
        JsonPath lease = settlement(fillId);
        assertEquals(50_000, lease.getLong("slaCredited"));
        assertEquals(0, lease.getLong("paidOut"));
        enterprise(buyer)
                .get("/deliveries/" + fillId)
                .then()
                .statusCode(200)
                .body("hours[0].basis", equalTo("NO_REPORT"))
                .body("hours[0].state", equalTo("UNDELIVERED"))
                .body("credited", equalTo(50_000));
        // Too late to report it now.
        agent(provider)
                .body(Map.of("hour", start.toString(), "devicesAvailable", 8))
                .post("/deliveries/" + fillId + "/hours")
                .then()
                .statusCode(409)
                .body("errors.field", org.hamcrest.Matchers.hasItem("hour"));
        assertLedgerBalances(fillId);
    }

    /**
     * A lease of a resale listing: sold (and paid) by the reseller, delivered by the original provider, whose agents
     * report on it and whose reliability its summaries count in; its credits come out of the reseller's payable.
     */
    @Test
    void aResoldLeaseIsReportedByTheProviderWhoseDevicesDeliverItAndCreditedOutOfTheResellersPayable()
            throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String reseller = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        UUID listing = listOffering(reseller, 9950, provider);
        String fillId = trade(buyer, reseller, listing, start, 3, 240_000);
        String path = "/deliveries/" + fillId;

        agent(reseller)
                .body(Map.of("deviceIds", List.of("h100-01")))
                .post(path + "/start")
                .then()
                .statusCode(404);
        agent(provider)
                .body(Map.of("startedAt", start.toString(), "deviceIds", List.of("h100-01")))
                .post(path + "/start")
                .then()
                .statusCode(200)
                .body("started.reportedBy", equalTo(provider));
        agent(provider)
                .body(Map.of(
                        "start",
                        start.toString(),
                        "end",
                        start.plus(Duration.ofHours(1)).toString(),
                        "devices",
                        8,
                        "cause",
                        "power"))
                .post(path + "/outages")
                .then()
                .statusCode(200)
                .body("credited", org.hamcrest.Matchers.greaterThan(0));
        enterprise(reseller).get(path).then().statusCode(200);
        JsonPath lease = settlement(fillId);
        assertEquals(reseller, lease.getString("provider"));
        assertTrue(lease.getLong("slaCredited") > 0);
        assertLedgerBalances(fillId);
        // Its summaries count in the provider's record, not the reseller's.
        List<JsonNode> events = deliveryEvents(fillId, 2);
        assertTrue(
                events.stream().allMatch(e -> provider.equals(e.path("provider").asText())), events.toString());
    }

    @Test
    void onlyTheLeasesPartiesReportAndDisputeAndBadReportsNameTheirField() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        UUID offering = listOffering(provider, null);
        String fillId = trade(buyer, provider, offering, hour.minus(Duration.ofHours(1)), 2, 32_000);
        String path = "/deliveries/" + fillId;

        // Another provider's agent, or another enterprise, finds no such lease; the wrong role is refused.
        agent(AccountApiTest.freshTenant())
                .body(Map.of("hour", hour.minus(Duration.ofHours(1)).toString(), "devicesAvailable", 8))
                .post(path + "/hours")
                .then()
                .statusCode(404);
        enterprise(AccountApiTest.freshTenant())
                .body(Map.of("hour", hour.toString(), "reason", "x"))
                .post(path + "/disputes")
                .then()
                .statusCode(404);
        enterprise(buyer).get(path).then().statusCode(200).body("availabilityBps", equalTo(null));
        enterprise(AccountApiTest.freshTenant()).get(path).then().statusCode(404);
        enterprise(buyer)
                .body(Map.of("hour", hour.minus(Duration.ofHours(1)).toString(), "devicesAvailable", 8))
                .post(path + "/hours")
                .then()
                .statusCode(403);
        agent(provider)
                .body(Map.of("hour", hour.toString(), "reason", "x"))
                .post(path + "/disputes")
                .then()
                .statusCode(403);

        record Case(Object body, String endpoint, String field) {}
        Instant last = hour.minus(Duration.ofHours(1));
        for (Case c : List.of(
                new Case(Map.of("hour", last.plusSeconds(60).toString(), "devicesAvailable", 8), "hours", "hour"),
                new Case(
                        Map.of("hour", hour.plus(Duration.ofHours(1)).toString(), "devicesAvailable", 8),
                        "hours",
                        "hour"),
                new Case(
                        Map.of("hour", hour.minus(Duration.ofHours(5)).toString(), "devicesAvailable", 8),
                        "hours",
                        "hour"),
                new Case(Map.of("hour", last.toString(), "devicesAvailable", 9), "hours", "devicesAvailable"),
                new Case(Map.of("hour", last.toString(), "devicesAvailable", -1), "hours", "devicesAvailable"),
                new Case(Map.of("hour", last.toString(), "devicesAvailable", 8, "extra", 1), "hours", "extra"),
                new Case(Map.of("hour", last.toString()), "hours", "devicesAvailable"),
                new Case(
                        Map.of("start", last.toString(), "end", last.toString(), "devices", 1, "cause", "x"),
                        "outages",
                        "end"),
                new Case(
                        Map.of(
                                "start",
                                last.toString(),
                                "end",
                                hour.plus(Duration.ofHours(1)).toString(),
                                "devices",
                                1,
                                "cause",
                                "x"),
                        "outages",
                        "end"),
                new Case(
                        Map.of("start", last.toString(), "end", hour.toString(), "devices", 9, "cause", "x"),
                        "outages",
                        "devices"),
                new Case(
                        Map.of("start", last.toString(), "end", hour.toString(), "devices", 1, "cause", " "),
                        "outages",
                        "cause"),
                new Case(Map.of("deviceIds", List.of()), "start", "deviceIds"),
                // A device named twice (it was taken as two of the lease's devices).
                new Case(Map.of("deviceIds", List.of("a", "b", "a")), "start", "deviceIds[2]"),
                new Case(
                        Map.of("deviceIds", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")),
                        "start",
                        "deviceIds"))) {
            agent(provider)
                    .body(c.body())
                    .post(path + "/" + c.endpoint())
                    .then()
                    .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(422)))
                    .contentType(containsString("problem+json"))
                    .body("errors.field", org.hamcrest.Matchers.hasItem(containsString(c.field())));
        }
        // None of it changed anything.
        assertEquals(0, count("select count(*) from delivery_hour where fill_id = '" + fillId + "'"));
        assertEquals(0, count("select count(*) from delivery_outage where fill_id = '" + fillId + "'"));
        assertEquals(0, count("select count(*) from delivery_start where fill_id = '" + fillId + "'"));
        as(DemoUser.OLIVIA)
                .post("/disputes/" + UUID.randomUUID() + "/decision")
                .then()
                .statusCode(400);
        as(DemoUser.OLIVIA)
                .body(Map.of("accept", true, "note", "n"))
                .post("/disputes/" + UUID.randomUUID() + "/decision")
                .then()
                .statusCode(404);
    }

    /**
     * A fill the capacity ledger refuses after an outage was credited on it: the buyer gets back the cost less
     * what the credit already gave back (never both), and the credit stops counting as paid back for buying
     * power, since order-service reverses the whole fill.
     */
    @Test
    void aRefusedLeaseWithCreditsRefundsTheRestAndTakesTheCreditsOutOfBuyingPower() throws Exception {
        String buyer = AccountApiTest.freshTenant();
        String provider = AccountApiTest.freshTenant();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        String fillId = trade(buyer, provider, listOffering(provider, 9950), start, 3, 240_000);
        long credited = agent(provider)
                .body(Map.of(
                        "start",
                        start.plus(Duration.ofMinutes(10)).toString(),
                        "end",
                        start.plus(Duration.ofMinutes(40)).toString(),
                        "devices",
                        2,
                        "cause",
                        "PSU failure"))
                .post("/deliveries/" + fillId + "/outages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("credited");
        assertTrue(credited >= 20_000, "2 device-hours at 10,000 at least: " + credited);
        assertEquals(credited, paidIn(buyer));

        ObjectNode refusal = (ObjectNode) json.readTree(Contracts.fixture(Contracts.FILL_REFUSED));
        refusal.put("eventId", UUID.randomUUID().toString());
        refusal.put("fillId", fillId);
        refusal.put("reason", "would lease more devices than listed in some hour slot");
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(
                        "lease-events", refusal.get("orderId").asText(), refusal.toString()))
                .awaitCompletion();
        JsonPath refunded = awaitSettlement(fillId, "REFUNDED");
        assertEquals(240_000 - credited, refunded.getLong("refunded"));
        assertEquals(credited, refunded.getLong("slaCredited"));
        assertEquals(0, refunded.getLong("escrow"));
        as(DemoUser.OLIVIA).get("/accounts/" + buyer).then().statusCode(200).body("balances[0].available", equalTo(0));
        as(DemoUser.OLIVIA)
                .get("/accounts/" + provider)
                .then()
                .statusCode(200)
                .body("balances[0].escrow", equalTo(0))
                .body("balances[0].payable", equalTo(0));
        assertEquals(0, paidIn(buyer), "the reversed fill gives it all back in order-service: not twice");
        assertLedgerBalances(fillId);

        // A late report on the refunded lease is refused and moves no money.
        agent(provider)
                .body(Map.of(
                        "start",
                        start.plus(Duration.ofMinutes(45)).toString(),
                        "end",
                        start.plus(Duration.ofMinutes(50)).toString(),
                        "devices",
                        8,
                        "cause",
                        "late report"))
                .post("/deliveries/" + fillId + "/outages")
                .then()
                .statusCode(409);
        JsonPath after = settlement(fillId);
        assertEquals(240_000 - credited, after.getLong("refunded"));
        assertEquals(credited, after.getLong("slaCredited"));
        assertEquals(0, paidIn(buyer));
        assertLedgerBalances(fillId);
    }

    /** Publishes an offering (the contract fixture) with this provider and commitment; waits until it is known. */
    private UUID listOffering(String provider, Integer availabilityBps) throws Exception {
        return listOffering(provider, availabilityBps, provider);
    }

    /** The same, sold by {@code seller} and delivered by {@code deliveredBy} (a resale listing when they differ). */
    private UUID listOffering(String seller, Integer availabilityBps, String deliveredBy) throws Exception {
        ObjectNode o = (ObjectNode) json.readTree(Contracts.fixture(Contracts.OFFERING_LISTED));
        UUID id = UUID.randomUUID();
        o.put("offeringId", id.toString());
        o.put("tenant", seller);
        o.put("deliveredBy", deliveredBy);
        if (availabilityBps == null) {
            o.putNull("availabilityBps");
        } else {
            o.put("availabilityBps", availabilityBps);
        }
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("offering-events", id.toString(), o.toString()))
                .awaitCompletion();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from offering_terms where offering_id = '" + id + "'") == 1);
        return id;
    }

    /** A fill of 8 devices on the offering (the contract fixture); waits until it is settled. */
    private String trade(String buyer, String provider, UUID offering, Instant start, int hours, long cost)
            throws Exception {
        ObjectNode fill = (ObjectNode) json.readTree(Contracts.fixture(Contracts.MARKET_FILL));
        String fillId = UUID.randomUUID().toString();
        fill.put("eventId", fillId);
        fill.put("orderId", UUID.randomUUID().toString());
        fill.put("enterpriseTenant", buyer);
        fill.put("providerTenant", provider);
        fill.put("offeringId", offering.toString());
        fill.put("devices", 8);
        fill.put("start", start.toString());
        fill.put("end", start.plus(Duration.ofHours(hours)).toString());
        fill.put("cost", cost);
        fill.put("occurredAt", Instant.now().toString());
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "ningxia", fill.toString()))
                .awaitCompletion();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> as(DemoUser.OLIVIA).get("/settlements/" + fillId).statusCode() == 200);
        return fillId;
    }

    private JsonPath settlement(String fillId) {
        return as(DemoUser.OLIVIA)
                .get("/settlements/" + fillId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private List<JsonNode> deliveryEvents(String fillId, int atLeast) {
        @SuppressWarnings("unchecked")
        List<JsonNode>[] seen = new List[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen[0] = kafka
                    .consumeStrings()
                    .fromTopics("delivery-events", Duration.ofSeconds(2))
                    .awaitCompletion()
                    .getRecords()
                    .stream()
                    .filter(r -> fillId.equals(r.key()))
                    .map(r -> {
                        try {
                            return json.readTree(r.value());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            return seen[0].size() >= atLeast;
        });
        return seen[0];
    }

    private long paidIn(String tenant) throws Exception {
        return count("select paid_in from account where tenant = '" + tenant
                + "' and currency = 'CNY' and kind = 'AVAILABLE' and voucher_id is null");
    }
}
