package io.flopx.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A public OAuth 2.0 client of one OpenID provider (the exchange's Keycloak realm): the device authorization
 * grant for a person at a terminal (RFC 8628), the refresh token grant after it, and the endpoints found
 * from the provider's discovery document rather than assumed.
 */
public final class OidcClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final URI issuer;
    private final String clientId;
    private final HttpClient http;
    private final Clock clock;
    private JsonNode discovery;

    public OidcClient(URI issuer, String clientId) {
        this(
                issuer,
                clientId,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Clock.systemUTC());
    }

    OidcClient(URI issuer, String clientId, HttpClient http, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.http = http;
        this.clock = clock;
    }

    public URI issuer() {
        return issuer;
    }

    /** Starts a device sign-in: what to show the person. */
    public DeviceCode startDeviceSignIn() {
        String endpoint = endpoint("device_authorization_endpoint");
        JsonNode answer = post(endpoint, Map.of("client_id", clientId, "scope", "openid"));
        if (!answer.has("device_code")) {
            throw new SignInException("The sign-in server refused to start a device sign-in: " + describe(answer));
        }
        Instant now = clock.instant();
        return new DeviceCode(
                answer.path("device_code").asText(),
                answer.path("user_code").asText(),
                URI.create(answer.path("verification_uri").asText()),
                answer.hasNonNull("verification_uri_complete")
                        ? URI.create(answer.path("verification_uri_complete").asText())
                        : null,
                Duration.ofSeconds(answer.path("interval").asLong(5)),
                now.plusSeconds(answer.path("expires_in").asLong(600)));
    }

    /**
     * Polls until the person has approved (tokens), refused or let the code expire ({@link SignInException}).
     * {@code onWait} hears each wait before it starts, for a progress line.
     */
    public Tokens awaitDeviceSignIn(DeviceCode code, Consumer<Duration> onWait) {
        Duration interval = code.interval();
        while (clock.instant().isBefore(code.expiresAt())) {
            onWait.accept(interval);
            sleep(interval);
            JsonNode answer = post(
                    endpoint("token_endpoint"),
                    Map.of("grant_type", DEVICE_GRANT, "client_id", clientId, "device_code", code.deviceCode()));
            if (answer.has("access_token")) {
                return tokens(answer);
            }
            switch (answer.path("error").asText()) {
                case "authorization_pending" -> {}
                // RFC 8628 3.5: slow down by five seconds, for this and every later poll.
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw new SignInException("Sign-in was refused in the browser.");
                case "expired_token" -> throw new SignInException("The code expired before it was approved.");
                default -> throw new SignInException("Sign-in failed: " + describe(answer));
            }
        }
        throw new SignInException("The code expired before it was approved.");
    }

    /** New tokens for a refresh token; a refused one (expired, revoked, signed out) means signing in again. */
    public Tokens refresh(String refreshToken) {
        JsonNode answer = post(
                endpoint("token_endpoint"),
                Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
        if (!answer.has("access_token")) {
            throw new SignInException("The sign-in has expired or was revoked: " + describe(answer));
        }
        return tokens(answer);
    }

    /** Ends the session the refresh token belongs to at the provider (so the token no longer works anywhere). */
    public void signOut(String refreshToken) {
        String endpoint = discovery().path("end_session_endpoint").asText(null);
        if (endpoint != null) {
            post(endpoint, Map.of("client_id", clientId, "refresh_token", refreshToken));
        }
    }

    private Tokens tokens(JsonNode answer) {
        Instant now = clock.instant();
        long refreshIn = answer.path("refresh_expires_in").asLong(0);
        return new Tokens(
                answer.path("access_token").asText(),
                now.plusSeconds(answer.path("expires_in").asLong(60)),
                answer.path("refresh_token").asText(null),
                refreshIn > 0 ? now.plusSeconds(refreshIn) : null);
    }

    private String endpoint(String name) {
        String value = discovery().path(name).asText(null);
        if (value == null) {
            throw new SignInException(issuer + " offers no " + name + " (is the device grant enabled?)");
        }
        return value;
    }

    private synchronized JsonNode discovery() {
        if (discovery == null) {
            URI uri = URI.create(issuer.toString().replaceAll("/$", "") + "/.well-known/openid-configuration");
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10)));
            if (response.statusCode() != 200) {
                throw new SignInException(uri + " answered " + response.statusCode() + ": is " + issuer
                        + " the exchange's sign-in server?");
            }
            discovery = read(response.body());
        }
        return discovery;
    }

    private JsonNode post(String endpoint, Map<String, String> form) {
        String body = new LinkedHashMap<>(form)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String text = response.body();
        return text == null || text.isBlank() ? JSON.createObjectNode() : read(text);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SignInException("Cannot reach the sign-in server " + issuer + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("Interrupted", e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new SignInException("The sign-in server answered something that is not JSON", e);
        }
    }

    private static String describe(JsonNode answer) {
        String error = answer.path("error").asText("no error code");
        String description = answer.path("error_description").asText("");
        return description.isEmpty() ? error : error + " (" + description + ")";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("Interrupted while waiting for the sign-in", e);
        }
    }
}
