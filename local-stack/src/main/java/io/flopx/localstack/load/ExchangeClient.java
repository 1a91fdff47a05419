package io.flopx.localstack.load;

import io.flopx.embedded.DemoAgent;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The public API as the demo users call it, asynchronously: a request is sent when the schedule says,
 * whether or not earlier ones have been answered (an open loop). Tokens come from Keycloak by the password
 * grant and are renewed every ten minutes (they live fifteen).
 */
final class ExchangeClient {

    /** What one call gave: status (0 when no answer came), body, and when it was answered (epoch micros). */
    record Answer(int status, String body, long answeredMicros, String failure) {
        boolean ok() {
            return status / 100 == 2;
        }

        /**
         * A 409 as an answered call: for changes whose conflict is the state a person would find (a dispute a
         * retry finds decided, a plan that has spent its budget), not a failure of the exchange.
         */
        Answer conflictAsAnswered() {
            return status == 409 ? new Answer(200, body, answeredMicros, null) : this;
        }
    }

    private final String gateway;
    private final String realm;
    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new connection.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    private final Map<DemoUser, String> tokens = new EnumMap<>(DemoUser.class);
    private final Map<DemoAgent, String> agentTokens = new EnumMap<>(DemoAgent.class);
    private Instant tokensAt = Instant.EPOCH;

    ExchangeClient(String gateway, String realm) {
        this.gateway = gateway;
        this.realm = realm;
    }

    String gateway() {
        return gateway;
    }

    synchronized String token(DemoUser user) {
        refreshTokens();
        return tokens.computeIfAbsent(user, u -> KeycloakTokens.password(realm, u.username(), DemoUser.DEMO_PASSWORD));
    }

    /** A provider's delivery agent's own token (client credentials). */
    synchronized String token(DemoAgent agent) {
        refreshTokens();
        return agentTokens.computeIfAbsent(
                agent, a -> KeycloakTokens.clientCredentials(realm, a.clientId(), a.secret()));
    }

    private void refreshTokens() {
        if (Duration.between(tokensAt, Instant.now()).toMinutes() >= 10) {
            tokens.clear();
            agentTokens.clear();
            tokensAt = Instant.now();
        }
    }

    CompletableFuture<Answer> send(DemoUser user, String method, String path, String body) {
        return send(token(user), method, path, body);
    }

    /** The same as a provider's delivery agent. */
    CompletableFuture<Answer> send(DemoAgent agent, String method, String path, String body) {
        return send(token(agent), method, path, body);
    }

    private CompletableFuture<Answer> send(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body(), nowMicros(), null))
                .exceptionally(e -> new Answer(
                        0,
                        "",
                        nowMicros(),
                        (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName()));
    }

    Answer call(DemoUser user, String method, String path, String body) {
        return send(user, method, path, body).join();
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
