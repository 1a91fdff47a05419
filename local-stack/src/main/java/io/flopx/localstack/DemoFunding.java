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
 * Money for the demo enterprises, credited by the demo operator as a bank transfer would be, and a compute
 * voucher for one of them, once: each write has a fixed idempotency key, so a restart of the stack finds it
 * and credits nothing again.
 */
final class DemoFunding {

    /** Who gets what, in minor units of CNY (fen). */
    record Grant(DemoUser user, long fen) {}

    static final List<Grant> GRANTS =
            List.of(new Grant(DemoUser.CAROL, 100_000_000L), new Grant(DemoUser.DAVE, 50_000_000L));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Dave's voucher from a (demo) "East Data, West Compute" program, for the four western hubs at sites rated
     * 4A or better. It runs to the end of next year (midnight in Beijing), so a demo never finds it lapsed; a
     * stack started in a new year issues that year's voucher (the key names the year).
     */
    static final DemoUser VOUCHER_HOLDER = DemoUser.DAVE;

    static final long VOUCHER_FEN = 20_000_000L;

    private DemoFunding() {}

    /** One idempotent write to settlement-service as the demo operator; a 200 (done before) is as good as a 201. */
    private static void post(StackConfig config, String token, String path, String key, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.settlementPort() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException(
                        "demo money: " + path + " answered HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("settlement-service unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until order-service's pre-trade risk has the grant, so that the first order placed after the start
     * is not refused for want of funds.
     */
    private static void awaitBuyingPower(StackConfig config, Grant g) {
        try {
            BuyerCredit.awaitBuyingPower(
                    "http://127.0.0.1:" + config.orderPort() + "/buying-power",
                    config.realmUrl(),
                    g.user(),
                    "paidIn",
                    g.fen());
        } catch (IOException e) {
            throw new IllegalStateException("order-service unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Credits every grant not credited before; returns a line saying who holds what. */
    static String fund(StackConfig config) {
        String token = KeycloakTokens.password(config.realmUrl(), DemoUser.OLIVIA.username(), DemoUser.DEMO_PASSWORD);
        StringBuilder said = new StringBuilder("demo accounts funded:");
        for (Grant g : GRANTS) {
            String tenant = g.user().tenant();
            post(config, token, "/accounts/" + tenant + "/top-ups", "demo-funding-" + tenant + "-CNY", """
                    {"currency":"CNY","amount":%d,"reference":"demo funding"}""".formatted(
                            g.fen()));
            said.append(String.format(
                    Locale.ROOT,
                    " %s (%s) %,.2f CNY;",
                    g.user().username(),
                    tenant,
                    java.math.BigDecimal.valueOf(g.fen(), 2)));
        }
        for (Grant g : GRANTS) {
            awaitBuyingPower(config, g);
        }
        int year = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
        String expires = (year + 1) + "-12-31T16:00:00Z";
        post(config, token, "/vouchers", "demo-voucher-" + VOUCHER_HOLDER.tenant() + "-west-" + year, """
                {"program":"east-data-west-compute-demo","tenant":"%s","currency":"CNY","amount":%d,
                 "expiresAt":"%s","hubs":["inner-mongolia","guizhou","gansu","ningxia"],"minGreenRating":"4A"}""".formatted(
                        VOUCHER_HOLDER.tenant(), VOUCHER_FEN, expires));
        said.append(String.format(
                Locale.ROOT,
                " %s also holds a %,.2f CNY compute voucher for the western hubs",
                VOUCHER_HOLDER.username(),
                java.math.BigDecimal.valueOf(VOUCHER_FEN, 2)));
        return said.toString();
    }
}
