package io.flopx.localstack;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Money for the demo enterprises, credited by the demo operator as a bank transfer would be, once: each
 * top-up has a fixed idempotency key, so a restart of the stack finds it and credits nothing again.
 */
final class DemoFunding {

    /** Who gets what, in minor units of CNY (fen). */
    record Grant(DemoUser user, long fen) {}

    static final List<Grant> GRANTS =
            List.of(new Grant(DemoUser.CAROL, 100_000_000L), new Grant(DemoUser.DAVE, 50_000_000L));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoFunding() {}

    /** Credits every grant not credited before; returns a line saying who holds what. */
    static String fund(StackConfig config) {
        String token = KeycloakTokens.password(config.realmUrl(), DemoUser.OLIVIA.username(), DemoUser.DEMO_PASSWORD);
        StringBuilder said = new StringBuilder("demo accounts funded:");
        for (Grant g : GRANTS) {
            String tenant = g.user().tenant();
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + config.settlementPort() + "/accounts/" + tenant + "/top-ups"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "demo-funding-" + tenant + "-CNY")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"currency":"CNY","amount":%d,"reference":"demo funding"}""".formatted(g.fen())))
                    .build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    throw new IllegalStateException(
                            "funding " + tenant + ": HTTP " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException("settlement-service unreachable", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            said.append(String.format(
                    Locale.ROOT,
                    " %s (%s) %,.2f CNY;",
                    g.user().username(),
                    tenant,
                    java.math.BigDecimal.valueOf(g.fen(), 2)));
        }
        return said.substring(0, said.length() - 1);
    }
}
