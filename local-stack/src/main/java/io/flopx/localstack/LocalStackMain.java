package io.flopx.localstack;

import io.flopx.embedded.DemoUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code local-stack/run-local.sh} runs this: the local stack in the foreground until Ctrl-C.
 *
 * <pre>
 * --repo-root DIR     the FlopX checkout (where the service jars are built)
 * --data-dir DIR      where PostgreSQL, Kafka, Keycloak and the logs keep their data (default: REPO/.local-stack)
 * --keycloak-zip FILE Keycloak's distribution (default: REPO/local-stack/target/keycloak/keycloak.zip)
 * --wipe              delete the data folder first: a fresh market
 * </pre>
 */
public final class LocalStackMain {

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        Path dataDir = null;
        Path keycloakZip = null;
        boolean wipe = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo-root" -> repo = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--data-dir" ->
                    dataDir = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--keycloak-zip" -> keycloakZip = Path.of(args[++i]);
                case "--wipe" -> wipe = true;
                default -> {
                    System.err.println("unknown option " + args[i] + " (options: --wipe, --data-dir DIR)");
                    System.exit(2);
                }
            }
        }
        dataDir = dataDir != null ? dataDir : repo.resolve(".local-stack");
        keycloakZip = keycloakZip != null ? keycloakZip : repo.resolve("local-stack/target/keycloak/keycloak.zip");
        if (wipe) {
            System.out.println("wiping " + dataDir);
            deleteRecursively(dataDir);
        }

        StackConfig config = StackConfig.standard(repo, dataDir, keycloakZip);
        LocalStack stack;
        try {
            stack = LocalStack.start(config, System.out, new LocalStack.Options(false, Map.of(), AotCache.Mode.TRAIN));
        } catch (RuntimeException e) {
            System.err.println("FlopX did not start: " + e.getMessage());
            System.err.println("Logs: " + dataDir.resolve("logs"));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println(System.lineSeparator() + "stopping FlopX…");
                            stack.close();
                            System.out.println("stopped; data kept in " + config.dataDir() + " (--wipe starts afresh)");
                            stopped.countDown();
                        },
                        "flopx-stop"));
        System.out.println(banner(config));
        stopped.await();
    }

    static String banner(StackConfig c) {
        StringBuilder b = new StringBuilder();
        b.append("""

                ================================================================
                 FlopX is running (loopback only). Ctrl-C stops everything.
                ================================================================
                 Gateway (the only API entry)  %s/api
                 Operators' live dashboard     %s/dashboard/  (sign in as olivia)
                 Public API (Swagger UI)       %s/q/swagger-ui
                 Swagger UI of each service    http://localhost:%d/q/swagger-ui  (catalog; order %d, matching %d, settlement %d)
                 Keycloak (admin / admin)      http://localhost:%d/admin/master/console/
                 Data and logs                 %s

                 Demo logins (password for all: %s):
                """.formatted(
                        c.gatewayUrl(),
                        c.gatewayUrl(),
                        c.gatewayUrl(),
                        c.catalogPort(),
                        c.orderPort(),
                        c.matchingPort(),
                        c.settlementPort(),
                        c.keycloakPort(),
                        c.dataDir(),
                        DemoUser.DEMO_PASSWORD));
        for (DemoUser u : DemoUser.values()) {
            b.append("   %-8s %-11s tenant %s%n".formatted(u.username(), String.join(",", u.roles()), u.tenant()));
        }
        b.append("""

                 Get a token (here: carol, an enterprise) and call the API:
                   TOKEN=$(curl -s -d grant_type=password -d client_id=flopx-cli -d username=carol \\
                     -d password=%s %s/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   curl -s -H "Authorization: Bearer $TOKEN" %s/api/models
                 Or from a terminal, signing in with the browser (./flopx --help lists every command):
                   ./flopx login && ./flopx market depth
                 The README's Quick start walks through a first trade, with curl and with ./flopx.
                """.formatted(DemoUser.DEMO_PASSWORD, c.realmUrl(), c.gatewayUrl()));
        return b.toString();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
