package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While PostgreSQL cannot be reached, every service that needs it answers 503 with Retry-After (a problem
 * that says nothing was changed), and the gateway passes that on; once it is back, the same calls succeed.
 */
@ExtendWith(SharedStack.class)
class DatabaseOutageTest {

    @Test
    void whileTheDatabaseIsDownCallsAre503WithRetryAfterAndNothingChanges() {
        // Tokens first: Keycloak keeps its own database, but a request must not wait on it here.
        RequestSpecification carol = Gateway.as(DemoUser.CAROL);
        RequestSpecification alice = Gateway.as(DemoUser.ALICE);
        int before = carol.get("/api/orders?size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.DAYS);
        Map<String, Object> order = Map.of(
                "kind",
                "DEVICES",
                "models",
                List.of("H100-SXM5-80GB"),
                "devices",
                1,
                "durationHours",
                1,
                "earliestStart",
                from.toString(),
                "limitPrice",
                100,
                "currency",
                "CNY");
        SharedStack.stack().killPostgres();
        try {
            for (Response r : List.of(
                    carol.get("/api/orders"),
                    alice.get("/api/offerings"),
                    alice.get("/api/leases"),
                    // A new specification: rest-assured keeps the first call's ?size=100 in carol's, and a
                    // placement takes no query parameters (a 400 before any database is asked).
                    Gateway.as(DemoUser.CAROL).body(order).post("/api/orders"))) {
                assertEquals(503, r.statusCode(), r.asString());
                assertNotNull(r.header("Retry-After"), "Retry-After is passed on by the gateway");
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            }
        } finally {
            SharedStack.stack().startPostgres();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        Gateway.as(DemoUser.CAROL).get("/api/orders?size=100").statusCode() == 200);
        assertEquals(
                before,
                (int) Gateway.as(DemoUser.CAROL)
                        .get("/api/orders?size=100")
                        .then()
                        .extract()
                        .path("size()"),
                "the order refused during the outage was not stored");
    }
}
