package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flopx.embedded.infra.FreePorts;
import io.flopx.localstack.LocalStack;
import io.flopx.localstack.StackConfig;
import io.flopx.localstack.image.HealthCheck;
import io.flopx.localstack.image.ImageBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The images the build makes, checked without a Docker engine. First as files: each tarball's manifest,
 * configuration (entry point, user, port, environment) and layers. Then run: the catalog, order and
 * gateway images are unpacked and started the way a container runtime starts them (their own root file
 * system through chroot, their own mount and PID namespaces, their entry point, user 185 and environment,
 * configured with the variable names Compose and Kubernetes use), beside the shared stack, and a trade goes
 * through the image-run gateway to the image-run catalog and order service and the stack's matcher.
 * The containers share the host's network here, so each is told a free port (QUARKUS_HTTP_PORT).
 */
@ExtendWith(SharedStack.class)
class ContainerImagesTest {

    static final Path IMAGES = ManifestValidationTest.REPO.resolve("e2e/target/images");

    @Test
    void eachImageIsAServiceThatRunsAsANonRootUserOnItsOwnPort() throws Exception {
        Properties built = ManifestValidationTest.builtImages();
        for (String service : ImageBuilder.SERVICES) {
            ImageRoot image = ImageRoot.open(IMAGES.resolve(service + ".tar"));
            assertEquals(
                    built.getProperty(service + ".image"),
                    image.manifest.at("/RepoTags/0").asText());
            image.layers().forEach(layer -> assertTrue(image.hasBlob(layer), service + " layer " + layer));
            JsonNode config = image.config.path("config");
            assertEquals("185:0", config.path("User").asText(), service + " runs as a non-root user");
            assertTrue(config.path("ExposedPorts").has(built.getProperty(service + ".port") + "/tcp"), service);
            assertEquals(
                    "/deployments/quarkus-run.jar", config.at("/Entrypoint/3").asText(), service);
            assertFalse(
                    config.path("Env").toString().matches("(?i).*(password|secret).*"), service + " carries no secret");
            List<String> paths = image.paths();
            for (String required : List.of(
                    "/deployments/quarkus-run.jar",
                    "/opt/java/bin/java",
                    "/lib64/ld-linux-x86-64.so.2",
                    "/opt/flopx/healthcheck/" + HealthCheck.class.getName().replace('.', '/') + ".class")) {
                assertTrue(paths.contains(required), service + " has " + required);
            }
            System.out.printf(
                    "image %s: %d layers, %,d bytes, entry point %s%n",
                    image.manifest.at("/RepoTags/0").asText(),
                    image.layers().size(),
                    Files.size(IMAGES.resolve(service + ".tar")),
                    config.path("Entrypoint"));
        }
    }

    @Test
    void theImagesTradeWhenRunAsContainers() throws Exception {
        Assumptions.assumeTrue(isRoot(), "running images without an engine needs root (chroot, namespaces)");
        LocalStack stack = SharedStack.stack();
        StackConfig config = stack.config();
        int catalogPort = FreePorts.next();
        int orderPort = FreePorts.next();
        int gatewayPort = FreePorts.next();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap());
        common.put("QUARKUS_OIDC_AUTH_SERVER_URL", config.realmUrl());
        common.put("QUARKUS_OIDC_TOKEN_ISSUER", config.realmUrl());
        common.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        common.put("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:+UseSerialGC");

        List<Container> containers = new ArrayList<>();
        try {
            Map<String, String> catalog = new LinkedHashMap<>(common);
            catalog.putAll(database(config, "catalog"));
            catalog.put("QUARKUS_HTTP_PORT", String.valueOf(catalogPort));
            containers.add(Container.start("catalog-service", catalog));

            Map<String, String> order = new LinkedHashMap<>(common);
            order.putAll(database(config, "orders"));
            order.put("QUARKUS_HTTP_PORT", String.valueOf(orderPort));
            order.put("QUARKUS_REST_CLIENT_CATALOG_URL", "http://127.0.0.1:" + catalogPort);
            containers.add(Container.start("order-service", order));

            Map<String, String> gateway = new LinkedHashMap<>(common);
            gateway.put("QUARKUS_HTTP_PORT", String.valueOf(gatewayPort));
            gateway.put("FLOPX_GATEWAY_CATALOG_URL", "http://127.0.0.1:" + catalogPort);
            gateway.put("FLOPX_GATEWAY_ORDER_URL", "http://127.0.0.1:" + orderPort);
            gateway.put("FLOPX_GATEWAY_MATCHING_URL", "http://127.0.0.1:" + config.matchingPort());
            gateway.put("FLOPX_GATEWAY_DASHBOARD_ORIGIN", "http://127.0.0.1:" + gatewayPort);
            gateway.put("QUARKUS_OIDC_DASHBOARD_CREDENTIALS_SECRET", "LOCAL-DEMO-ONLY-flopx-dashboard-secret");
            containers.add(Container.start("gateway", gateway));

            for (int port : List.of(catalogPort, orderPort, gatewayPort)) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> ready("http://127.0.0.1:" + port + "/q/health/ready"));
            }
            System.out.printf(
                    "images running as containers: catalog :%d, order :%d, gateway :%d%n",
                    catalogPort, orderPort, gatewayPort);

            Gateway.at("http://127.0.0.1:" + gatewayPort, config.realmUrl())
                    .smokeTrade(
                            "chengdu-chongqing",
                            "H100-SXM5-80GB",
                            1311,
                            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(50, ChronoUnit.DAYS));
        } finally {
            for (Container container : containers.reversed()) {
                container.stop();
            }
        }
    }

    private static Map<String, String> database(StackConfig config, String name) {
        String hostPort = "localhost:" + config.postgresPort() + "/" + name;
        return Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://" + hostPort,
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://" + hostPort,
                "QUARKUS_DATASOURCE_USERNAME",
                "postgres",
                "QUARKUS_DATASOURCE_PASSWORD",
                "postgres");
    }

    private static boolean ready(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        return new String(id.getInputStream().readAllBytes()).trim().equals("0") && id.waitFor() == 0;
    }

    /**
     * One image run as a container: unpacked under e2e/target/containers, then its entry point started in
     * new mount and PID namespaces, chrooted into the image's root as the image's user, with the image's
     * environment plus the given one. Logs go to e2e/target/containers/&lt;service&gt;.log.
     */
    record Container(String service, Process process) {

        static Container start(String service, Map<String, String> environment) throws IOException {
            ImageRoot image = ImageRoot.open(IMAGES.resolve(service + ".tar"));
            Path root = IMAGES.getParent().resolve("containers").resolve(service);
            ImageRoot.delete(root);
            image.unpack(root);
            Files.createDirectories(root.resolve("dev"));
            Files.createDirectories(root.resolve("proc"));
            JsonNode config = image.config.path("config");
            List<String> command = new ArrayList<>(List.of(
                    "/usr/bin/unshare",
                    "--mount",
                    "--pid",
                    "--fork",
                    "--kill-child",
                    "/bin/sh",
                    "-c",
                    "mount --bind /dev \"$0/dev\" && mount -t proc proc \"$0/proc\" && exec /usr/sbin/chroot "
                            + "--userspec=" + config.path("User").asText() + " \"$0\" \"$@\"",
                    root.toString()));
            config.path("Entrypoint").forEach(arg -> command.add(arg.asText()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolveSibling(service + ".log").toFile());
            builder.environment().clear();
            config.path("Env").forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                builder.environment().put(kv[0], kv[1]);
            });
            builder.environment().putAll(environment);
            return new Container(service, builder.start());
        }

        /** SIGTERM to the service, as a runtime stops a container: it leaves its consumer groups at once. */
        void stop() throws Exception {
            process.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .forEach(ProcessHandle::destroy);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
