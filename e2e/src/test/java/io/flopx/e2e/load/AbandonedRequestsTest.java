package io.flopx.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.e2e.SharedStack;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import io.flopx.localstack.load.InvariantChecker;
import io.flopx.localstack.load.StackProbe;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Placements abandoned at every stage of a burst: callers that hang up right after sending, callers that give
 * up after a few milliseconds, and order-service killed (SIGKILL) and restarted in the middle of it. Afterwards
 * nothing may be half-applied: every ORDER_PLACED published (on order-events, or straight on market-commands for
 * an order naming one hub) has its order row, every stored order has its ORDER_PLACED, every order a caller saw accepted is resting or closed, fills = leases (the invariant checker the
 * load and fault runs use, over the whole shared stack).
 */
@ExtendWith(SharedStack.class)
class AbandonedRequestsTest {

    private static final int PER_KIND = 60;

    @Test
    void aBurstAbandonedAtEveryStageLeavesNothingHalfApplied() throws Exception {
        var stack = SharedStack.stack();
        URI gateway = URI.create(stack.config().gatewayUrl());
        String token = KeycloakTokens.password(stack.config().realmUrl(), "carol", DemoUser.DEMO_PASSWORD);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(4, ChronoUnit.DAYS);
        Queue<String> accepted = new ConcurrentLinkedQueue<>();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < PER_KIND * 3; i++) {
            int n = i;
            String body = """
                    {"kind":"DEVICES","models":["H100-SXM5-80GB"],"devices":1,"durationHours":1,"earliestStart":"%s",
                     "limitPrice":1,"currency":"CNY","hubs":["guizhou"],"timeInForce":"IMMEDIATE_OR_CANCEL",
                     "clientReference":"abandon-%s-%d"}""".formatted(start, run, n);
            calls.add(pool.submit(() -> {
                try {
                    switch (n % 3) {
                        case 0 -> hangUpAfterSending(gateway, token, body);
                        case 1 ->
                            http.send(
                                    request(gateway, token, body, Duration.ofMillis(15)),
                                    HttpResponse.BodyHandlers.discarding());
                        default -> {
                            HttpResponse<String> r = http.send(
                                    request(gateway, token, body, Duration.ofSeconds(30)),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                accepted.add(r.body()
                                        .substring(
                                                r.body().indexOf("\"id\":\"") + 6,
                                                r.body().indexOf("\"id\":\"") + 42));
                            }
                        }
                    }
                } catch (Exception expected) {
                    // a caller that gave up, or order-service down: the point of the test
                }
                return null;
            }));
            if (i == PER_KIND * 3 / 2) {
                // The first half runs against a healthy stack; the second is cut by the kill.
                for (Future<?> call : calls) {
                    call.get(2, TimeUnit.MINUTES);
                }
            }
            if (i == PER_KIND * 3 * 2 / 3) {
                stack.crashAndRestart("order-service");
            }
        }
        for (Future<?> call : calls) {
            call.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        try (StackProbe probe = new StackProbe(stack.config().postgresPort(), stack.kafkaBootstrap())) {
            assertTrue(probe.settle(Duration.ofMinutes(3)) != null, "the exchange settled");
            long stored = probe.count(
                    "orders", "select count(*) from compute_order where client_reference like 'abandon-" + run + "-%'");
            // The race happened: orders were stored whose callers never saw the answer.
            System.out.printf(
                    "abandoned burst: %d placements, %d acknowledged, %d stored%n",
                    PER_KIND * 3, accepted.size(), stored);
            assertTrue(
                    !accepted.isEmpty() && stored > accepted.size(),
                    "stored " + stored + ", acknowledged " + accepted.size());
            InvariantChecker.Report report = new InvariantChecker(probe).check(accepted, System.out);
            assertEquals(List.of(), report.violations());
        }
    }

    private static HttpRequest request(URI gateway, String token, String body, Duration timeout) {
        return HttpRequest.newBuilder(gateway.resolve("/api/orders"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Sends the whole request and closes the connection at once, before any answer. */
    private static void hangUpAfterSending(URI gateway, String token, String body) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/orders HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }
}
