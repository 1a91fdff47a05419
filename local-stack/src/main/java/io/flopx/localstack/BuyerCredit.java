package io.flopx.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Gives load-generating buyers a credit line large enough for any run, through the gateway as the demo
 * operator, and waits until order-service's pre-trade risk has it: orders must be funded, and a load run
 * places tens of thousands of them.
 */
public final class BuyerCredit {

    /** The largest credit limit settlement-service accepts, in minor units (a hundred billion CNY). */
    public static final long LIMIT = 10_000_000_000_000L;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private BuyerCredit() {}

    /** Sets each buyer's CNY credit limit to {@link #LIMIT} and waits (up to a minute) until orders see it. */
    public static void grant(String gatewayUrl, String realmUrl, List<DemoUser> buyers) throws Exception {
        String operator = KeycloakTokens.password(realmUrl, DemoUser.OLIVIA.username(), DemoUser.DEMO_PASSWORD);
        for (DemoUser buyer : buyers) {
            HttpResponse<String> set = send(HttpRequest.newBuilder(
                            URI.create(gatewayUrl + "/api/accounts/" + buyer.tenant() + "/credit-limit"))
                    .header("Authorization", "Bearer " + operator)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"currency\":\"CNY\",\"creditLimit\":" + LIMIT + "}")));
            if (set.statusCode() != 200) {
                throw new IllegalStateException(
                        "credit for " + buyer.tenant() + ": HTTP " + set.statusCode() + " " + set.body());
            }
        }
        for (DemoUser buyer : buyers) {
            awaitBuyingPower(gatewayUrl + "/api/buying-power", realmUrl, buyer, "creditLimit", LIMIT);
        }
    }

    /**
     * Waits (up to a minute) until {@code url} (order-service's buying power, straight or through the gateway)
     * shows the user's CNY {@code figure} at {@code atLeast} or more: funding reaches order-service's
     * pre-trade risk over funding-events, a moment after settlement-service answered.
     */
    static void awaitBuyingPower(String url, String realmUrl, DemoUser user, String figure, long atLeast)
            throws IOException, InterruptedException {
        String token = KeycloakTokens.password(realmUrl, user.username(), DemoUser.DEMO_PASSWORD);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .GET());
            if (r.statusCode() == 200) {
                for (JsonNode power : JSON.readTree(r.body())) {
                    if ("CNY".equals(power.path("currency").asText())
                            && power.path(figure).asLong() >= atLeast) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("order-service never saw " + user.tenant() + "'s " + figure);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
