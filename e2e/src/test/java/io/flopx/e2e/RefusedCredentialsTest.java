package io.flopx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Garbage credentials cost almost nothing: tokens are verified against the provider's keys only (never sent
 * to its introspection endpoint), a refusal is not logged as an error anywhere, and an address that keeps
 * sending refused credentials is turned away with 429 before any token is looked at. Each case calls from an
 * address of its own in 127.0.0.0/8, so the per-address limit touches no other test.
 */
@ExtendWith(SharedStack.class)
class RefusedCredentialsTest {

    @Test
    void badTokensAre401WithoutIntrospectionOrErrorLines() throws Exception {
        String real = KeycloakTokens.password(SharedStack.stack().config().realmUrl(), "carol", DemoUser.DEMO_PASSWORD);
        String[] parts = real.split("\\.");
        String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String unknownKid = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"no-such-key\"}");
        List<String> bad = List.of(
                "x",
                "a.b.c",
                noneHeader + "." + parts[1] + ".",
                parts[0] + "." + parts[1] + ".",
                parts[0] + "." + b64("{\"sub\":\"mallory\",\"tenant\":\"acme-ai\"}") + "." + parts[2],
                unknownKid + "." + parts[1] + "." + parts[2],
                real + "x");
        Path logs = SharedStack.stack().config().dataDir().resolve("logs");
        long errorsBefore = count(logs);
        long keycloakWarningsBefore = introspections(logs.resolve("keycloak.log"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(status("127.0.0.2", "/api/orders", bad.get(i % bad.size())));
        }
        assertTrue(statuses.stream().allMatch(s -> s == 401), statuses.toString());
        Thread.sleep(1000);
        assertEquals(errorsBefore, count(logs), "a refused token is no error");
        assertEquals(
                keycloakWarningsBefore,
                introspections(logs.resolve("keycloak.log")),
                "no token went to Keycloak's introspection endpoint");
    }

    @Test
    void anAddressThatKeepsFailingIsTurnedAwayWith429() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            statuses.add(status("127.0.0.3", "/api/orders", "garbage"));
        }
        assertTrue(statuses.subList(0, 120).stream().allMatch(s -> s == 401), statuses.toString());
        assertTrue(statuses.subList(120, 130).stream().allMatch(s -> s == 429), statuses.toString());
        // Another address is not affected.
        assertEquals(401, status("127.0.0.4", "/api/orders", "garbage"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One request from {@code from}, over a plain socket bound to that loopback address; the status code. */
    private static int status(String from, String path, String token) throws IOException {
        URI gateway = URI.create(SharedStack.stack().config().gatewayUrl());
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: Bearer " + token
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    /** ERROR lines about tokens or OIDC in the gateway's and the services' logs. */
    private static long count(Path logs) throws IOException {
        long n = 0;
        try (var files = Files.list(logs)) {
            for (Path f : files.filter(p ->
                            p.toString().endsWith(".log") && !p.endsWith("keycloak.log") && !p.endsWith("kafka.log"))
                    .toList()) {
                n += lines(
                        f, l -> l.contains(" ERROR ") && l.toLowerCase().matches(".*(oidc|token|introspect|bearer).*"));
            }
        }
        return n;
    }

    /** Keycloak's log lines about token introspection (each call to its introspection endpoint with a bad token). */
    private static long introspections(Path file) throws IOException {
        return lines(file, l -> l.toLowerCase().contains("introspect"));
    }

    private static long lines(Path file, java.util.function.Predicate<String> matching) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(matching).count();
        }
    }
}
