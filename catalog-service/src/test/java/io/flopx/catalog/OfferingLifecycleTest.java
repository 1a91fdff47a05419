package io.flopx.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OfferingLifecycleTest extends CatalogTestBase {

    @Test
    void listAmendWithdrawEachPublishTheFullStateKeyedByOfferingId() {
        String site = createSite(DemoUser.ALICE, "ningxia", "1.25", "4A", "INFINIBAND");
        String id = as(DemoUser.ALICE)
                .body(offering("H100-SXM5-80GB", site, 16, 1450))
                .post("/offerings")
                .then()
                .statusCode(201)
                .header("Location", containsString("/offerings/"))
                .body(
                        "tenant",
                        equalTo("west-gpu-cloud"),
                        "hub",
                        equalTo("ningxia"),
                        "status",
                        equalTo("ACTIVE"),
                        "version",
                        equalTo(0),
                        "minLeaseHours",
                        equalTo(1),
                        "availabilityBps",
                        nullValue())
                .extract()
                .path("id");
        // An offering may commit to an availability tier; buyers see it in search.
        Map<String, Object> committed = offering("H100-SXM5-80GB", site, 4, 1450);
        committed.put("availabilityBps", 9990);
        String sla = as(DemoUser.ALICE)
                .body(committed)
                .post("/offerings")
                .then()
                .statusCode(201)
                .body("availabilityBps", equalTo(9990))
                .extract()
                .path("id");
        as(DemoUser.CAROL)
                .get("/offerings/search?hub=ningxia&maxPricePerDeviceHour=1450&size=100")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + sla + "' }.availabilityBps", equalTo(9990));

        as(DemoUser.ALICE)
                .body(Map.of("pricePerDeviceHour", 1390, "devices", 24))
                .patch("/offerings/" + id)
                .then()
                .statusCode(200)
                .body("pricePerDeviceHour", equalTo(1390), "devices", equalTo(24), "version", equalTo(1));
        as(DemoUser.ALICE)
                .post("/offerings/" + id + "/withdraw")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as(DemoUser.ALICE)
                .body(Map.of("pricePerDeviceHour", 1000))
                .patch("/offerings/" + id)
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("status"));

        List<ConsumerRecord<String, String>> events = offeringEvents(id, 3);
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0).value().contains("\"type\":\"OFFERING_LISTED\""));
        assertTrue(
                events.get(1).value().contains("\"type\":\"OFFERING_AMENDED\"")
                        && events.get(1).value().contains("\"devices\":24")
                        && events.get(1).value().contains("\"pueMilli\":1250"),
                events.get(1).value());
        assertTrue(
                events.get(2).value().contains("\"status\":\"WITHDRAWN\""),
                events.get(2).value());
    }

    @Test
    void anOfferingShowsItsThroughputAndPricePerPflopHourForEachPrecisionItsModelRuns() {
        String site = createSite(DemoUser.ALICE, "gansu", "1.30", "3A", "ROCE");
        as(DemoUser.ALICE)
                .body(offering("H100-SXM5-80GB", site, 16, 1450))
                .post("/offerings")
                .then()
                .statusCode(201)
                // 16 × 989.4 TFLOPS; 1450 × 10^6 / 989,400 GFLOPS = 1465.5 → 1466 per PFLOP-hour
                .body(
                        "effectiveTflops.FP16",
                        equalTo(15830.4f),
                        "pricePerPflopHour.FP16",
                        equalTo(1466),
                        "pricePerPflopHour.FP64",
                        equalTo(42647),
                        "effectiveTflops.FP64",
                        equalTo(544));
        as(DemoUser.ALICE)
                .body(offering("A100-SXM4-80GB", site, 8, 900))
                .post("/offerings")
                .then()
                .statusCode(201)
                .body("pricePerPflopHour.FP8", nullValue(), "effectiveTflops.INT8", equalTo(4992));
    }

    @Test
    void badInputIsAProblemNamingEachFieldAndStoresNothing() {
        String site = createSite(DemoUser.BOB, "guizhou", "1.20", "5A", "INFINIBAND");
        int before = as(DemoUser.BOB).get("/offerings").then().extract().path("size()");

        // The report: a price past 2^64/10^6 used to be stored ACTIVE and break every listing.
        as(DemoUser.BOB)
                .body(offering("H100-SXM5-80GB", site, 2, 18_446_744_073_710L))
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("pricePerDeviceHour"));
        // A search filter that does not convert names itself (Quarkus REST answered 404 and named nothing).
        for (String[] mistake :
                List.of(new String[] {"precision", "FP99"}, new String[] {"maxPue", "abc"}, new String[] {
                    "minReliability", "1.5"
                })) {
            as(DemoUser.BOB)
                    .get("/offerings/search?" + mistake[0] + "=" + mistake[1])
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(mistake[0]));
        }
        // Money in minor units is a whole number: 1450.5 was stored as 1450, silently.
        Map<String, Object> fraction = offering("H100-SXM5-80GB", site, 2, 100);
        fraction.put("pricePerDeviceHour", 1450.5);
        as(DemoUser.BOB)
                .body(fraction)
                .post("/offerings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("pricePerDeviceHour"));
        // A code that is not money opened listings nobody could trade with.
        Map<String, Object> noMoney = offering("H100-SXM5-80GB", site, 2, 100);
        noMoney.put("currency", "XXX");
        as(DemoUser.BOB)
                .body(noMoney)
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("currency"))
                .body("detail", containsString("ISO 4217"));
        Map<String, Object> longWindow = offering("H100-SXM5-80GB", site, 2, 100);
        longWindow.put("availableUntil", FROM.plus(400, ChronoUnit.DAYS).toString());
        as(DemoUser.BOB)
                .body(longWindow)
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availableUntil"));
        // An availability commitment is one of the exchange's SLA tiers, or none.
        for (Object tier : List.of(9800, 10_000, 0, 99_500, 2_147_483_647)) {
            Map<String, Object> sla = offering("H100-SXM5-80GB", site, 2, 100);
            sla.put("availabilityBps", tier);
            as(DemoUser.BOB)
                    .body(sla)
                    .post("/offerings")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", equalTo("availabilityBps"));
        }
        Map<String, Object> overflow = offering("H100-SXM5-80GB", site, 2, 100);
        overflow.put("availabilityBps", 99_999_999_999L);
        as(DemoUser.BOB)
                .body(overflow)
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availabilityBps"));
        Map<String, Object> unknown = offering("H100-SXM5-80GB", site, 2, 100);
        unknown.put("status", "ACTIVE");
        as(DemoUser.BOB)
                .body(unknown)
                .post("/offerings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        // At the bound it is accepted and every listing still renders.
        String dearest = as(DemoUser.BOB)
                .body(offering("H100-SXM5-80GB", site, 1, 100_000_000L))
                .post("/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.BOB).get("/offerings").then().statusCode(200).body("id", hasItem(dearest));
        as(DemoUser.CAROL)
                .get("/offerings/search?precision=FP16&sort=effectivePrice&maxPricePerPflopHour=100000000")
                .then()
                .statusCode(200);
        as(DemoUser.BOB).post("/offerings/" + dearest + "/withdraw").then().statusCode(200);
        before += 1;
        Map<String, Object> zero = offering("H100-SXM5-80GB", site, 0, -5);
        as(DemoUser.BOB)
                .body(zero)
                .post("/offerings")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("devices"))
                .body("errors.field", hasItem("pricePerDeviceHour"));
        as(DemoUser.BOB)
                .body(offering("NO-SUCH-GPU", site, 2, 100))
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("model"));
        Map<String, Object> notAligned = offering("H100-SXM5-80GB", site, 2, 100);
        notAligned.put("availableFrom", FROM.plus(30, ChronoUnit.MINUTES).toString());
        as(DemoUser.BOB)
                .body(notAligned)
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availableFrom"));
        Map<String, Object> past = offering("H100-SXM5-80GB", site, 2, 100);
        past.put(
                "availableFrom",
                Instant.now()
                        .truncatedTo(ChronoUnit.HOURS)
                        .minus(48, ChronoUnit.HOURS)
                        .toString());
        as(DemoUser.BOB)
                .body(past)
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("availableFrom"));
        as(DemoUser.BOB)
                .body(offering("H100-SXM5-80GB", UUID.randomUUID().toString(), 2, 100))
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("siteId"));
        as(DemoUser.BOB)
                .body("{\"devices\": \"many\"}")
                .post("/offerings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("devices"));
        as(DemoUser.BOB).body("{not json").post("/offerings").then().statusCode(400);

        as(DemoUser.BOB)
                .body(site("Bad PUE", "guizhou", "0.9", "4A", "ETHERNET"))
                .post("/sites")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("pue"));
        as(DemoUser.BOB)
                .body(site("Bad hub", "atlantis", "1.2", "4A", "ETHERNET"))
                .post("/sites")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("hub"));
        as(DemoUser.BOB)
                .body(site("Bad rating", "guizhou", "1.2", "6A", "ETHERNET"))
                .post("/sites")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("greenRating"));

        as(DemoUser.BOB).get("/offerings").then().body("size()", equalTo(before));
    }

    @Test
    void aProviderCannotReadOrChangeAnotherProvidersOfferingOrSiteButOperatorsSeeThem() {
        String site = createSite(DemoUser.ALICE, "ningxia", "1.25", "4A", "INFINIBAND");
        String id = createOffering(DemoUser.ALICE, "H100-SXM5-80GB", site, 4, 1500);

        as(DemoUser.BOB).get("/offerings/" + id).then().statusCode(404).contentType("application/problem+json");
        as(DemoUser.BOB)
                .body(Map.of("pricePerDeviceHour", 1))
                .patch("/offerings/" + id)
                .then()
                .statusCode(404);
        as(DemoUser.BOB).post("/offerings/" + id + "/withdraw").then().statusCode(404);
        as(DemoUser.BOB).get("/sites/" + site).then().statusCode(404);
        as(DemoUser.BOB).get("/offerings").then().body("id", not(hasItem(id)));
        as(DemoUser.BOB)
                .body(offering("H100-SXM5-80GB", site, 1, 100))
                .post("/offerings")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("siteId"));

        as(DemoUser.OLIVIA).get("/offerings/" + id).then().statusCode(200).body("tenant", equalTo("west-gpu-cloud"));
        as(DemoUser.OLIVIA)
                .get("/offerings?tenant=west-gpu-cloud")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        as(DemoUser.OLIVIA).get("/sites").then().statusCode(200).body("id", hasItem(site));

        as(DemoUser.CAROL).get("/offerings/" + id).then().statusCode(403);
        as(DemoUser.CAROL)
                .body(offering("H100-SXM5-80GB", site, 1, 100))
                .post("/offerings")
                .then()
                .statusCode(403);
        as(DemoUser.OLIVIA)
                .body(offering("H100-SXM5-80GB", site, 1, 100))
                .post("/offerings")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON).get("/offerings").then().statusCode(401);
    }

    @Test
    void serverOwnedFieldsCannotBeSetByTheClient() {
        String site = createSite(DemoUser.ALICE, "ningxia", "1.25", "4A", "INFINIBAND");
        Map<String, Object> sneaky = offering("H100-SXM5-80GB", site, 2, 100);
        sneaky.put("tenant", "yangtze-compute");
        sneaky.put("status", "WITHDRAWN");
        sneaky.put("id", UUID.randomUUID().toString());
        sneaky.put("version", 99);
        sneaky.put("hub", "gansu");
        int before = as(DemoUser.ALICE).get("/offerings").then().extract().path("size()");
        // Refused, not silently ignored: the client learns the field is not its to set.
        as(DemoUser.ALICE)
                .body(sneaky)
                .post("/offerings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", equalTo("unknown field"));
        as(DemoUser.ALICE).get("/offerings").then().body("size()", equalTo(before));
    }
}
