package io.flopx.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReferenceDataTest extends CatalogTestBase {

    @Test
    void seededModelsAndHubsAreReadableByAnyoneSignedIn() {
        as(DemoUser.CAROL)
                .get("/models")
                .then()
                .statusCode(200)
                .body("find { it.id == 'H100-SXM5-80GB' }.fp16Gflops", equalTo(989400))
                .body("find { it.id == 'H100-SXM5-80GB' }.tdpWatts", equalTo(700))
                .body("find { it.id == 'A100-SXM4-80GB' }.fp8Gflops", org.hamcrest.Matchers.nullValue());
        as(DemoUser.ALICE)
                .get("/hubs")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.id in ['jing-jin-ji','yangtze-delta','greater-bay','chengdu-chongqing','inner-mongolia','guizhou','gansu','ningxia'] }",
                        hasSize(8))
                .body("find { it.id == 'yangtze-delta' }.clusters", hasSize(2))
                .body("find { it.id == 'ningxia' }.side", equalTo("west"));
        given().get("/models").then().statusCode(401);
    }

    @Test
    void onlyOperatorsAddOrCorrectModelsAndHubs() {
        Map<String, Object> model = Map.of(
                "vendor",
                "Acme",
                "kind",
                "NPU",
                "memoryGb",
                96,
                "memoryBandwidthGbps",
                2000,
                "tdpWatts",
                450,
                "peakGflops",
                Map.of("BF16", 400000, "INT8", 800000),
                "confidence",
                "approximate");
        as(DemoUser.ALICE).body(model).put("/models/ACME-X1").then().statusCode(403);
        as(DemoUser.OLIVIA).body(model).put("/models/ACME-X1").then().statusCode(201);
        as(DemoUser.OLIVIA)
                .body(Map.of(
                        "vendor",
                        "Acme",
                        "kind",
                        "NPU",
                        "memoryBandwidthGbps",
                        2000,
                        "tdpWatts",
                        420,
                        "peakGflops",
                        Map.of("BF16", 410000),
                        "confidence",
                        "datasheet"))
                .put("/models/ACME-X1")
                .then()
                .statusCode(200);
        as(DemoUser.CAROL)
                .get("/models")
                .then()
                .body("find { it.id == 'ACME-X1' }.tdpWatts", equalTo(420))
                .body("find { it.id == 'ACME-X1' }.int8Gops", org.hamcrest.Matchers.nullValue());

        as(DemoUser.OLIVIA)
                .body(Map.of(
                        "vendor",
                        "Acme",
                        "kind",
                        "TPU",
                        "memoryBandwidthGbps",
                        0,
                        "tdpWatts",
                        420,
                        "peakGflops",
                        Map.of(),
                        "confidence",
                        "rumour"))
                .put("/models/ACME-X2")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.hasItems("kind", "memoryBandwidthGbps", "peakGflops", "confidence"));

        as(DemoUser.BOB)
                .body(Map.of("name", "Hainan", "side", "east"))
                .put("/hubs/hainan")
                .then()
                .statusCode(403);
        as(DemoUser.OLIVIA)
                .body(Map.of("name", "Hainan", "side", "east"))
                .put("/hubs/hainan")
                .then()
                .statusCode(201);
        as(DemoUser.OLIVIA)
                .body(Map.of("name", "Hainan", "side", "north"))
                .put("/hubs/hainan")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("side"));
    }

    @Test
    void textWithANulCharacterIsRefusedNamingTheFieldNotStoredAsA500() {
        as(DemoUser.OLIVIA)
                .body(Map.of("name", "Hai\u0000nan", "side", "east"))
                .put("/hubs/nul-hub")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        as(DemoUser.CAROL).get("/hubs").then().body("find { it.id == 'nul-hub' }", org.hamcrest.Matchers.nullValue());
    }
}
