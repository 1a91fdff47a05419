package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.embedded.DemoAgent;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provider's delivery agent on the real stack: its own token from Keycloak (client credentials, role agent,
 * bound to its provider's tenant), reporting through the gateway on a lease that started this hour; the
 * buyer's SLA credit in the ledger; a dispute an operator accepts.
 */
@ExtendWith(SharedStack.class)
class DeliveryEndToEndTest {

    /**
     * The lease covers this hour and the next, and the agent reports on this hour: an hour that turns mid-test
     * leaves a start in the past.
     */
    @BeforeEach
    void notAcrossAnHour() throws InterruptedException {
        HourTurn.clearOfTheHoursEnd(Duration.ofSeconds(90));
    }

    @Test
    void anAgentsOutageEarnsACreditAnAcceptedDisputeCreditsTheHourAndOrdersCanAskForARecord() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // Listed for this hour and the next only: no resting order of another test (they start two hours out
        // at the earliest) can take it first.
        Gateway.shared()
                .list(
                        DemoUser.ALICE,
                        "Delivery site " + Instant.now().toEpochMilli(),
                        "jing-jin-ji",
                        "MI300X-192GB",
                        2,
                        111,
                        hour,
                        hour.plus(2, ChronoUnit.HOURS),
                        9950);
        String order = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Gateway.as(DemoUser.CAROL)
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "kind",
                                        "DEVICES",
                                        "models",
                                        List.of("MI300X-192GB"),
                                        "devices",
                                        2,
                                        "durationHours",
                                        2,
                                        "earliestStart",
                                        hour.toString(),
                                        "limitPrice",
                                        111,
                                        "currency",
                                        "CNY",
                                        "hubs",
                                        List.of("jing-jin-ji"),
                                        "timeInForce",
                                        "IMMEDIATE_OR_CANCEL"))
                                .post("/api/orders")
                                .then()
                                .statusCode(201)
                                .extract()
                                .path("id"),
                        id -> decided(id).equals("FILLED"));
        String lease = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Gateway.as(DemoUser.CAROL)
                                .get("/api/settlements?order=" + order)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .<String>getList("fillId"),
                        l -> l.size() == 1)
                .get(0);
        String delivery = "/api/deliveries/" + lease;
        // Settlement learns the offering's commitment from offering-events, on its own consumer.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Gateway.as(DemoUser.CAROL)
                        .get(delivery)
                        .then()
                        .statusCode(200)
                        .body("availabilityBps", equalTo(9950)));

        // The agent reports the start, then an outage of one device since the hour began.
        Gateway.asAgent(DemoAgent.WEST_GPU_CLOUD)
                .body(Map.of("deviceIds", List.of("mi300x-a", "mi300x-b")))
                .post(delivery + "/start")
                .then()
                .statusCode(200)
                .body("started.reportedBy", equalTo(DemoUser.ALICE.tenant()));
        while (Instant.now().isBefore(hour.plusSeconds(2))) {
            Thread.sleep(200);
        }
        Gateway.asAgent(DemoAgent.WEST_GPU_CLOUD)
                .body(Map.of(
                        "start",
                        hour.toString(),
                        "end",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        "devices",
                        1,
                        "cause",
                        "GPU fell off the bus"))
                .post(delivery + "/outages")
                .then()
                .statusCode(200)
                .body("hours[0].undelivered", equalTo(1))
                // 1 of 4 device-hours, at the trade price: 444 / 4.
                .body("credited", equalTo(111));
        Gateway.as(DemoUser.CAROL)
                .get("/api/accounts/" + DemoUser.CAROL.tenant() + "/statement?kind=SLA_CREDITED&limit=500")
                .then()
                .statusCode(200)
                .body("findAll { it.reference == '" + lease + "' }.amount", hasItem(111));

        // Machine clients are their tenant's, and agents only: another provider's agent finds no such lease,
        // and an agent cannot place orders.
        Gateway.asAgent(DemoAgent.YANGTZE_COMPUTE)
                .body(Map.of("deviceIds", List.of("x")))
                .post(delivery + "/start")
                .then()
                .statusCode(404);
        Gateway.asAgent(DemoAgent.WEST_GPU_CLOUD)
                .body(Map.of("kind", "DEVICES"))
                .post("/api/orders")
                .then()
                .statusCode(403);
        Gateway.as(DemoUser.DAVE).get(delivery).then().statusCode(404);

        // Carol disputes the hour; Olivia accepts it: the whole hour (2 device-hours) is credited.
        String dispute = Gateway.as(DemoUser.CAROL)
                .body(Map.of("hour", hour.toString(), "reason", "our jobs saw neither device"))
                .post(delivery + "/disputes")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        Gateway.as(DemoUser.OLIVIA)
                .get("/api/disputes?state=OPEN&limit=500")
                .then()
                .statusCode(200)
                .body("findAll { it.id == '" + dispute + "' }", hasSize(1));
        Gateway.as(DemoUser.OLIVIA)
                .body(Map.of("accept", true, "note", "the agent's own logs show it"))
                .post("/api/disputes/" + dispute + "/decision")
                .then()
                .statusCode(200)
                .body("state", equalTo("ACCEPTED"));
        Gateway.as(DemoUser.ALICE)
                .get(delivery)
                .then()
                .statusCode(200)
                .body("hours[0].basis", equalTo("DISPUTE"))
                .body("credited", equalTo(222))
                .body("disputes[0].note", equalTo("the agent's own logs show it"));
        assertEquals(
                222,
                ((Number) Gateway.as(DemoUser.CAROL)
                                .get("/api/settlements/" + lease)
                                .then()
                                .extract()
                                .path("slaCredited"))
                        .intValue());

        // Orders may ask for a delivery record. Alice's (her site's above; her provider's for a site without
        // one) reaches her offerings in the catalog's next re-rating round, as new versions the matcher sees;
        // Bob's new site has none. Both list for this hour only, where no other test's order can reach.
        // Each listing is the hub's best ask when it is made (the helper waits for that): Alice's, then Bob's.
        String rated = Gateway.shared()
                .list(
                        DemoUser.ALICE,
                        "Second site " + Instant.now().toEpochMilli(),
                        "jing-jin-ji",
                        "MI300X-192GB",
                        2,
                        90,
                        hour,
                        hour.plus(2, ChronoUnit.HOURS),
                        null);
        String newcomer = Gateway.shared()
                .list(
                        DemoUser.BOB,
                        "Newcomer site " + Instant.now().toEpochMilli(),
                        "jing-jin-ji",
                        "MI300X-192GB",
                        2,
                        80,
                        hour,
                        hour.plus(2, ChronoUnit.HOURS),
                        null);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Gateway.as(DemoUser.ALICE)
                                .get("/api/offerings/" + rated)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("reliabilityBps"),
                        bps -> bps != null);
        Gateway.as(DemoUser.BOB).get("/api/offerings/" + newcomer).then().body("reliabilityBps", equalTo(null));
        Map<String, Object> wanted = new java.util.HashMap<>(Map.of(
                "kind",
                "DEVICES",
                "models",
                List.of("MI300X-192GB"),
                "devices",
                2,
                "durationHours",
                1,
                "earliestStart",
                hour.toString(),
                "latestStart",
                hour.plus(1, ChronoUnit.HOURS).toString(),
                "limitPrice",
                90,
                "currency",
                "CNY",
                "hubs",
                List.of("jing-jin-ji"),
                "timeInForce",
                "IMMEDIATE_OR_CANCEL"));
        // The record the catalog shows is not yet the matcher's (it learns each version from offering-events),
        // and it can still move (a delivery summary arriving after the first rating round). Each try reads the
        // record, waits for the market to quote at it, and places; an order that meets a moved record is
        // cancelled, changes nothing, and the next try uses the new record.
        String choosy = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> choosyOrderFilled(wanted, rated), java.util.Objects::nonNull);
        Gateway.as(DemoUser.CAROL)
                .get("/api/orders/" + choosy)
                .then()
                .body("status", equalTo("FILLED"))
                .body("fills[0].offeringId", equalTo(rated));
        wanted.put("minReliability", 10_001);
        Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(wanted)
                .post("/api/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("minReliability"));
    }

    /**
     * One try at the choosy order: above Alice's record (as the catalog shows it now) nothing passes and the
     * quote says which constraint binds; at her record her dearer offering is taken over the newcomer's cheaper
     * one. The id of the order once filled from {@code rated}; null (try again) while the matcher does not quote
     * the record the catalog shows, or when the order found the record moved and was cancelled.
     */
    private static String choosyOrderFilled(Map<String, Object> wanted, String rated) {
        int record = Gateway.as(DemoUser.ALICE)
                .get("/api/offerings/" + rated)
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("reliabilityBps");
        wanted.put("minReliability", record + 1);
        var above = Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(wanted)
                .post("/api/market/quote")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        wanted.put("minReliability", record);
        var at = Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(wanted)
                .post("/api/market/quote")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        if (above.getBoolean("complete") || !at.getBoolean("complete")) {
            System.out.printf(
                    "record %d not yet the market's: above %s, at %s%n",
                    record, above.getString("reason"), at.getString("reason"));
            return null;
        }
        org.hamcrest.MatcherAssert.assertThat(
                above.getString("reason"), org.hamcrest.Matchers.containsString("delivery record at least"));
        assertEquals(rated, at.getString("fills[0].offeringId"));
        String id = Gateway.as(DemoUser.CAROL)
                .contentType(ContentType.JSON)
                .body(wanted)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("minReliability", equalTo(record))
                .extract()
                .path("id");
        String status = decided(id);
        if (!status.equals("FILLED")) {
            System.out.printf(
                    "order %s at record %d %s (%s); trying again%n",
                    id,
                    record,
                    status,
                    Gateway.as(DemoUser.CAROL).get("/api/orders/" + id).path("statusReason"));
            return null;
        }
        return id;
    }

    /** Carol's order's status once the market has decided it (it is no longer ACCEPTED). */
    private static String decided(String id) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> Gateway.as(DemoUser.CAROL)
                                .get("/api/orders/" + id)
                                .then()
                                .extract()
                                .<String>path("status"),
                        s -> !s.equals("ACCEPTED"));
    }
}
