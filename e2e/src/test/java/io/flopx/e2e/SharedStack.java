package io.flopx.e2e;

import io.flopx.localstack.LocalStack;
import io.flopx.localstack.Service;
import io.flopx.localstack.StackConfig;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack (real PostgreSQL, Kafka, Keycloak and the four services as they ship) for every test
 * class of this module that asks for it with {@code @ExtendWith(SharedStack.class)}: it starts before the
 * first and stops after the last, so the minute it takes to start is paid once.
 */
public class SharedStack implements BeforeAllCallback {

    private static LocalStack stack;

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (stack == null) {
            Path repo = Path.of(System.getProperty("flopx.repo.root"));
            Path data = repo.resolve("e2e/target/e2e-stack");
            wipe(data);
            // TracePropagationTest follows an order's trace ids through Kafka: keep them without a collector.
            System.setProperty(Service.TRACE_IDS, "true");
            // The suites call from 127.0.0.1 and send hundreds of refused tokens on purpose (the security matrix):
            // that address is exempt from the per-address limit, which RefusedCredentialsTest checks from others.
            // Kafka in a process of its own: LoadAndFaultTest, the last class, kills it.
            stack = LocalStack.start(
                    StackConfig.isolated(repo, data, Path.of(System.getProperty("flopx.keycloak.zip"))),
                    System.out,
                    new LocalStack.Options(
                            true,
                            java.util.Map.of(
                                    "gateway",
                                    java.util.Map.of("FLOPX_GATEWAY_REFUSED_EXEMPT", "127.0.0.1"),
                                    // Standing plans' rounds every 5 s, not 30 s: LoadAndFaultTest's plans buy while it
                                    // runs.
                                    "order-service",
                                    java.util.Map.of("FLOPX_PLANS_EVERY", "5s"),
                                    // Offerings re-rated within seconds of a delivery report, not 30 s.
                                    "catalog-service",
                                    java.util.Map.of("FLOPX_RELIABILITY_RERATE_EVERY", "2s"),
                                    // Snapshots every few seconds: a matcher killed by a test restarts from one.
                                    "matching-service",
                                    java.util.Map.of(
                                            "FLOPX_MATCHING_SNAPSHOT_EVERY",
                                            "3s",
                                            "FLOPX_MATCHING_SNAPSHOT_CHECK",
                                            "1s"))));
            LocalStack started = stack;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedStack.class, (AutoCloseable)
                    started::close);
        }
        RestAssured.baseURI = stack.config().gatewayUrl();
        RestAssured.port = -1;
    }

    public static LocalStack stack() {
        return stack;
    }

    /** The invariant checker's view of the shared stack: its databases and topics (close it after use). */
    static io.flopx.localstack.load.StackProbe probe() {
        return new io.flopx.localstack.load.StackProbe(stack.config().postgresPort(), stack.kafkaBootstrap());
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
