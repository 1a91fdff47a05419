package io.flopx.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search over offerings of two models made up for this test, so that the results are exactly the
 * offerings listed here whatever other tests listed.
 */
@QuarkusTest
class SearchTest extends CatalogTestBase {

    String fast;
    String slow;
    String vendor;
    String a;
    String b;
    String c;
    String d;

    @BeforeEach
    void market() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        vendor = "Vendor-" + tag;
        fast = "FAST-" + tag;
        slow = "SLOW-" + tag;
        putModel(fast, Map.of("FP16", 1_000_000, "FP64", 50_000));
        putModel(slow, Map.of("FP16", 250_000));
        String green = createSite(DemoUser.ALICE, "ningxia", "1.15", "5A", "INFINIBAND");
        String grey = createSite(DemoUser.BOB, "yangtze-delta", "1.60", "2A", "ETHERNET");
        a = createOffering(DemoUser.ALICE, fast, green, 8, 2000); // 8000 TFLOPS FP16, 2000 per PFLOP-hour
        b = createOffering(DemoUser.BOB, fast, grey, 16, 1800); // 16000 TFLOPS, 1800 per PFLOP-hour
        c = createOffering(DemoUser.ALICE, slow, green, 32, 400); // 8000 TFLOPS, 1600 per PFLOP-hour
        d = createOffering(DemoUser.BOB, slow, grey, 4, 300); // 1000 TFLOPS, 1200 per PFLOP-hour
    }

    void putModel(String id, Map<String, Integer> peaks) {
        as(DemoUser.OLIVIA)
                .body(Map.of(
                        "vendor",
                        vendor,
                        "kind",
                        "GPU",
                        "memoryBandwidthGbps",
                        1000,
                        "tdpWatts",
                        500,
                        "peakGflops",
                        peaks,
                        "confidence",
                        "approximate"))
                .put("/models/" + id)
                .then()
                .statusCode(201);
    }

    @Test
    void buyersFilterByVendorModelHubAndSiteQualities() {
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&sort=price")
                .then()
                .statusCode(200)
                .body("total", equalTo(4), "items.id", contains(d, c, b, a))
                .body("items", everyItem(not(hasKey("tenant"))))
                .body("items", everyItem(not(hasKey("siteName"))));
        as(DemoUser.CAROL).get("/offerings/search?model=" + fast).then().body("items.id", contains(b, a));
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&hub=ningxia")
                .then()
                .body("items.id", contains(c, a));
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&maxPue=1.2&minGreenRating=4A&interconnect=INFINIBAND")
                .then()
                .body("items.id", contains(c, a));
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&maxPricePerDeviceHour=1800")
                .then()
                .body("items.id", contains(d, c, b));
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&from=" + FROM + "&until=" + FROM.plusSeconds(3600 * 72))
                .then()
                .body("total", equalTo(4));
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&until=" + FROM.plusSeconds(3600 * 73))
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void buyersCompareByThroughputAndEffectivePriceAtAPrecision() {
        as(DemoUser.DAVE)
                .get("/offerings/search?vendor=" + vendor + "&precision=FP16&sort=effectivePrice")
                .then()
                .body("items.id", contains(d, c, b, a))
                .body("items[0].pricePerPflopHour.FP16", equalTo(1200));
        as(DemoUser.DAVE)
                .get("/offerings/search?vendor=" + vendor + "&precision=FP16&sort=tflops&order=desc")
                .then()
                .body(
                        "items[0].id",
                        equalTo(b),
                        "items[3].id",
                        equalTo(d),
                        "items[0].effectiveTflops.FP16",
                        equalTo(16000));
        as(DemoUser.DAVE)
                .get("/offerings/search?vendor=" + vendor + "&precision=FP16&minTflops=8000&maxPricePerPflopHour=1800")
                .then()
                .body("items.id", contains(c, b));
        as(DemoUser.DAVE)
                .get("/offerings/search?vendor=" + vendor + "&precision=FP64")
                .then()
                .body("items.id", contains(b, a));
    }

    @Test
    void pagesAreCappedAndBadParametersNameTheField() {
        as(DemoUser.CAROL)
                .get("/offerings/search?vendor=" + vendor + "&size=3&page=1&sort=price")
                .then()
                .statusCode(200)
                .body("items.id", contains(a), "total", equalTo(4), "page", equalTo(1));
        as(DemoUser.CAROL)
                .get("/offerings/search?size=101")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("size"));
        as(DemoUser.CAROL)
                .get("/offerings/search?sort=effectivePrice")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("precision"));
        as(DemoUser.CAROL)
                .get("/offerings/search?sort=cheapest")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        as(DemoUser.CAROL)
                .get("/offerings/search?minGreenRating=9Z")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("minGreenRating"));
        given().get("/offerings/search").then().statusCode(401);
    }

    @Test
    void withdrawnOfferingsDisappearFromSearch() {
        as(DemoUser.BOB).post("/offerings/" + d + "/withdraw").then().statusCode(200);
        as(DemoUser.CAROL).get("/offerings/search?vendor=" + vendor).then().body("total", equalTo(3));
    }
}
