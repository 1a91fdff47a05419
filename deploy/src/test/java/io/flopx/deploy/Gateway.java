package io.flopx.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.flopx.testsupport.DemoUser;
import io.flopx.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What the deploy tests do through the shared stack's gateway as the demo users. */
final class Gateway {

    private Gateway() {
    }

    /** A request as {@code user}, with a fresh token from the stack's Keycloak. */
    static RequestSpecification as(DemoUser user) {
        String token = KeycloakTokens.password(SharedStack.stack().config().realmUrl(), user.username(), DemoUser.DEMO_PASSWORD);
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /**
     * A provider lists {@code devices} of {@code model} at a new site in {@code hub} for a day from
     * {@code from}, at {@code price} per device-hour; returns the offering's id once the matcher's book
     * shows that ask (so an order placed next meets it).
     */
    static String listed(DemoUser provider, String siteName, String hub, String model, int devices, long price, Instant from) {
        String site = as(provider).body(Map.of("name", siteName, "hub", hub, "pue", 1.2, "greenRating", "5A",
                "backboneConnected", true, "interconnect", "ROCE")).post("/api/sites").then().statusCode(201).extract().path("id");
        String offering = as(provider).body(Map.of("model", model, "siteId", site, "devices", devices,
                "availableFrom", from.toString(), "availableUntil", from.plus(24, ChronoUnit.HOURS).toString(),
                "pricePerDeviceHour", price, "currency", "CNY")).post("/api/offerings").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(DemoUser.OLIVIA)
                .get("/api/market/depth?hub=" + hub + "&model=" + model).then().body("findAll { it.bestAsk == " + price + " }",
                        hasSize(1)));
        return offering;
    }
}
