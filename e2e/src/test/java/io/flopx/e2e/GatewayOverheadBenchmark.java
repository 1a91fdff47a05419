package io.flopx.e2e;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import io.flopx.localstack.StackConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the gateway adds to a call: the same authenticated GET (the model list, answered from the
 * catalog's cache-free database query) sent alternately through the gateway and straight to
 * catalog-service, one at a time on a kept-alive connection. Prints p50 and p99 of both and of the
 * difference; asserts nothing about time. {@code ./mvnw -pl deploy verify -Pbenchmark} (after
 * {@code ./mvnw install -DskipTests}).
 */
@ExtendWith(SharedStack.class)
@Tag("benchmark")
class GatewayOverheadBenchmark {

    static final int WARM_UP = 500;
    static final int MEASURED = 3_000;

    @Test
    void gatewayAgainstDirect() throws Exception {
        StackConfig config = SharedStack.stack().config();
        String token = KeycloakTokens.password(config.realmUrl(), DemoUser.CAROL.username(), DemoUser.DEMO_PASSWORD);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest viaGateway = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + "/api/models"))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create("http://localhost:" + config.catalogPort() + "/models"))
                .header("Authorization", "Bearer " + token)
                .build();
        long[] gateway = new long[MEASURED];
        long[] straight = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long g = time(http, viaGateway);
            long d = time(http, direct);
            if (i >= WARM_UP) {
                gateway[i - WARM_UP] = g;
                straight[i - WARM_UP] = d;
            }
        }
        long[] added = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            added[i] = gateway[i] - straight[i];
        }
        Arrays.sort(gateway);
        Arrays.sort(straight);
        Arrays.sort(added);
        System.out.printf("%nGET /models, %d calls each, alternating:%n", MEASURED);
        System.out.printf("  through the gateway  p50 %.2f ms  p99 %.2f ms%n", pct(gateway, 50), pct(gateway, 99));
        System.out.printf("  straight to catalog  p50 %.2f ms  p99 %.2f ms%n", pct(straight, 50), pct(straight, 99));
        System.out.printf("  added by the gateway p50 %.2f ms  p99 %.2f ms%n%n", pct(added, 50), pct(added, 99));
    }

    private static long time(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return took;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1_000_000.0;
    }
}
