package io.flopx.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import io.flopx.localstack.LoadGenerator;
import io.flopx.localstack.StackConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo load generator, briefly, against the real stack: valid listings and orders, and trades come of them. */
@ExtendWith(SharedStack.class)
class LoadGeneratorTest {

    @Test
    void keepsAMarketTradingAndStopsByItself() throws Exception {
        StackConfig c = SharedStack.stack().config();
        LoadGenerator.Summary s = new LoadGenerator(
                        new LoadGenerator.Settings(c.gatewayUrl(), c.realmUrl(), 10, Duration.ofSeconds(4), 40, 11),
                        System.out)
                .run();
        // How many of the 40 planned operations fit in its 4 s depends on how busy the machine is (9 listings and
        // 17 orders once, on a CI-like run right after another end-to-end test): enough to trade is what counts.
        assertTrue(s.listings() >= 5 && s.orders() >= 10, "listed " + s.listings() + ", ordered " + s.orders());
        assertEquals(0, s.rejected() + s.failed(), "every generated listing and order is valid");
        assertTrue(s.seconds() < 10, "stopped by itself after its count or time");
        String dave = KeycloakTokens.password(c.realmUrl(), DemoUser.DAVE.username(), DemoUser.DEMO_PASSWORD);
        String carol = KeycloakTokens.password(c.realmUrl(), DemoUser.CAROL.username(), DemoUser.DEMO_PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> filled(carol) + filled(dave) > 0);
    }

    @Test
    void runsAgainOnTheSitesAnEarlierRunCreated() throws Exception {
        StackConfig c = SharedStack.stack().config();
        // Twice, so the second run certainly finds its sites there (409 with their ids): it lists on them instead
        // of stopping with nothing to list on, as it did before.
        for (int run = 1; run <= 2; run++) {
            LoadGenerator.Summary s = new LoadGenerator(
                            new LoadGenerator.Settings(c.gatewayUrl(), c.realmUrl(), 10, Duration.ofSeconds(3), 9, 12),
                            System.out)
                    .run();
            assertTrue(s.listings() >= 1, "run " + run + " listed " + s.listings());
            assertEquals(0, s.rejected() + s.failed(), "run " + run + ": every listing and order is valid");
        }
    }

    private static int filled(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/orders?status=FILLED&size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
    }
}
