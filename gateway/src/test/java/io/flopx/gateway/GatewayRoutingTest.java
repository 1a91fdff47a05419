package io.flopx.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(EchoUpstreamResource.class)
class GatewayRoutingTest {

    @TestHTTPResource("/")
    URI gatewayUrl;

    /** The stand-in order-service, called directly where the gateway must not be in the way. */
    @ConfigProperty(name = "flopx.gateway.order-url")
    String orderServiceUrl;

    @Test
    void forwardsToTheOwningServiceWithoutThePrefixAndWithTheCallersToken() {
        String token = TestTokens.of(DemoUser.CAROL);
        given().auth()
                .oauth2(token)
                .header("X-Forwarded-For", "6.6.6.6")
                .get("/api/orders/abc?limit=5")
                .then()
                .statusCode(200)
                .body(
                        "method",
                        equalTo("GET"),
                        "path",
                        equalTo("/orders/abc"),
                        "query",
                        equalTo("limit=5"),
                        "authorization",
                        equalTo("Bearer " + token),
                        "forwardedFor",
                        nullValue());
    }

    @Test
    void postsTheBodyAndRewritesLocationToThePublicPath() {
        given().auth()
                .oauth2(TestTokens.of(DemoUser.ALICE))
                .contentType(ContentType.JSON)
                .body("{\"devices\":8}")
                .post("/api/offerings")
                .then()
                .statusCode(201)
                .header("Location", "/api/offerings/42")
                .body("body", equalTo("{\"devices\":8}"), "path", equalTo("/offerings"));
    }

    @Test
    void anEventStreamIsRelayedAsItComesAndEndsAtTheServiceWhenTheCallerLeaves() throws Exception {
        int closedBefore = streamsClosed();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gatewayUrl + "api/orders/stream"))
                                .header("Authorization", "Bearer " + TestTokens.of(DemoUser.CAROL))
                                // no Accept header: curl's default, a stream's path is enough
                                // until the headers come: a gateway that buffers never sends them
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(
                "text/event-stream",
                response.headers().firstValue("Content-Type").orElse(null));
        // The service never ends this stream: a gateway that waited for the whole body would show nothing.
        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body()))) {
            for (String line; events.size() < 3 && (line = lines.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    events.add(line.substring(5).trim());
                }
            }
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), events);
        await().atMost(Duration.ofSeconds(10)).until(() -> streamsClosed() > closedBefore);

        // A stream refused is an ordinary answer, body and all.
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .accept("text/event-stream")
                .get("/api/orders/stream?refuse")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("trades"));
    }

    private static int streamsClosed() {
        return given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/api/orders/streams-closed")
                .then()
                .statusCode(200)
                .extract()
                .path("closed");
    }

    @Test
    void refusesMissingForgedOrExpiredTokensAndWrongRoles() {
        // Each refusal says what to do, as problem+json (Quarkus answers with an empty body).
        given().get("/api/orders")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Basic Y2Fyb2w6ZmxvcHg=")
                .get("/api/orders")
                .then()
                .statusCode(401)
                .body("status", equalTo(401));
        given().auth()
                .oauth2("not.a.token")
                .get("/api/orders")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .contentType("application/problem+json")
                .body("detail", containsString("not accepted"));
        String otherAudience = TestTokens.mint("carol", "acme-ai", Set.of("enterprise"), "another-api");
        given().auth().oauth2(otherAudience).get("/api/orders").then().statusCode(401);
        String tampered = TestTokens.of(DemoUser.CAROL);
        tampered = tampered.substring(0, tampered.length() - 4) + (tampered.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).get("/api/orders").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.ALICE))
                .get("/api/orders")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/orders")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/offerings")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("your roles (enterprise) may not POST /api/offerings"));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/api/nowhere")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/api/sites")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/sites")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.ALICE))
                .contentType(ContentType.JSON)
                .body("{}")
                .put("/api/models/X")
                .then()
                .statusCode(403);
    }

    @Test
    void buyersSearchOfferingsAndOperatorsReadThemAndEditReferenceData() {
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/api/offerings/search?hub=gansu")
                .then()
                .statusCode(200)
                .body("path", equalTo("/offerings/search"), "query", equalTo("hub=gansu"));
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .get("/api/offerings")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .get("/api/orders")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .contentType(ContentType.JSON)
                .body("{}")
                .put("/api/models/X")
                .then()
                .statusCode(200)
                .body("method", equalTo("PUT"));
        // Reference data: every signed-in caller reads it.
        for (DemoUser user : DemoUser.values()) {
            given().auth().oauth2(TestTokens.of(user)).get("/api/models").then().statusCode(200);
            given().auth()
                    .oauth2(TestTokens.of(user))
                    .get("/api/hubs/gansu")
                    .then()
                    .statusCode(200);
        }
        given().auth()
                .oauth2(TestTokens.of(DemoUser.ALICE))
                .contentType(ContentType.JSON)
                .body("{}")
                .patch("/api/offerings/1")
                .then()
                .statusCode(200)
                .body("method", equalTo("PATCH"));
    }

    @Test
    void aServiceThatIsDownGivesAQuick503ProblemAndItsCircuitOpens() {
        given().auth()
                .oauth2(TestTokens.of(DemoUser.DAVE))
                .get("/api/market/depth")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", startsWith("matching-service"));
        for (int i = 0; i < 10; i++) {
            given().auth()
                    .oauth2(TestTokens.of(DemoUser.DAVE))
                    .get("/api/market/depth")
                    .then()
                    .statusCode(503);
        }
        // Enough failures: the breaker answers at once, and says for how long (flopx.gateway.circuit-delay in tests).
        given().auth()
                .oauth2(TestTokens.of(DemoUser.DAVE))
                .get("/api/market/depth")
                .then()
                .statusCode(503)
                .header("Retry-After", "2")
                .body("detail", equalTo("matching-service is failing; calls are paused"));
    }

    @Test
    void aServiceAtCapacityShedsTheExcessAtOnceAndItsCircuitStaysClosed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest held = HttpRequest.newBuilder(gatewayUrl.resolve("/api/orders/held"))
                .header("Authorization", "Bearer " + TestTokens.of(DemoUser.CAROL))
                .timeout(Duration.ofSeconds(30))
                .build();
        // The test profile keeps 4 connections to a service and lets 1 more call wait: the service holds 4 calls
        // unanswered, one more waits in the gateway.
        List<CompletableFuture<HttpResponse<String>>> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(http.sendAsync(held, HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get(orderServiceUrl + "/orders/held-count")
                                .jsonPath()
                                .getInt("held")
                        == 4);
        // Which of the next calls gets the waiting place is up to timing: each one not answered within 2 s is
        // waiting (kept, to be answered after the release), until the gateway refuses one.
        HttpResponse<String> refused = null;
        for (int i = 0; i < 3 && refused == null; i++) {
            CompletableFuture<HttpResponse<String>> call = http.sendAsync(held, HttpResponse.BodyHandlers.ofString());
            try {
                refused = call.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException waiting) {
                taken.add(call);
            }
        }
        assertNotNull(refused, "with every connection busy and a call waiting, the next is refused");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(5, taken.size(), "4 calls on the connections and exactly 1 waiting (max-queued 1 in tests)");
        // More than the circuit's volume (8) of calls beyond that: each is answered at once, none waits.
        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            HttpResponse<String> shed = http.send(held, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, shed.statusCode(), shed.body());
            assertEquals("1", shed.headers().firstValue("Retry-After").orElse(null));
            assertEquals(
                    "application/problem+json",
                    shed.headers().firstValue("Content-Type").orElse(null));
            assertThat(shed.body(), containsString("order-service is at capacity"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "shed at once, not after a wait");
        }
        // Released, the held calls are answered and the waiting one goes through (and is held in turn).
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            given().post(orderServiceUrl + "/orders/release").then().statusCode(200);
            return taken.stream().allMatch(CompletableFuture::isDone);
        });
        for (CompletableFuture<HttpResponse<String>> call : taken) {
            assertEquals(200, call.join().statusCode(), "every call taken is answered");
        }
        // Shedding is not the service failing: within the circuit's delay (2 s in tests) it still answers.
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/api/orders/abc")
                .then()
                .statusCode(200)
                .body("path", equalTo("/orders/abc"));
    }

    @Test
    void writesAreLimitedPerTenant() {
        String flooder = TestTokens.mint("flooder", "flood-co", Set.of("enterprise"), "flopx-api");
        int accepted = 0;
        Response limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            Response r = given().auth()
                    .oauth2(flooder)
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post("/api/orders");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                accepted++;
            }
        }
        assertEquals(25, accepted, "the test profile allows 25 writes a minute");
        assertNotNull(limited, "the 26th write is refused");
        limited.then().contentType("application/problem+json").header("Retry-After", matchesPattern("[1-9][0-9]*"));
        given().auth().oauth2(flooder).get("/api/orders").then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.mint("other", "other-co", Set.of("enterprise"), "flopx-api"))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/orders")
                .then()
                .statusCode(201);
    }

    @Test
    void corsAllowsOnlyTheDashboardsOrigin() {
        given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/orders")
                .then()
                .header("Access-Control-Allow-Origin", "http://localhost:8080");
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/orders")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void onePublicOpenApiDocumentMergesTheServicesPaths() {
        given().get("/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/orders'.get.summary", equalTo("orders"))
                .body("paths.'/api/q/health'", nullValue())
                .body("components.schemas.OrderView.type", equalTo("object"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("'x-flopx-missing'", hasItem("matching-service"));
    }

    @Test
    void metricsAreForOperatorsOnly() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.CAROL))
                .get("/q/metrics")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .get("/q/metrics")
                .then()
                .statusCode(200);
    }

    @Test
    void anOversizedBodyIs413() {
        String big = "{\"x\":\"" + "a".repeat(300_000) + "\"}";
        given().auth()
                .oauth2(TestTokens.of(DemoUser.ALICE))
                .contentType(ContentType.JSON)
                .body(big)
                .post("/api/offerings")
                .then()
                .statusCode(413);
    }

    @Test
    void healthIsPublic() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    }
}
