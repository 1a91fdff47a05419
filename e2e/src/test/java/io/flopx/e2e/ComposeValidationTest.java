package io.flopx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flopx.localstack.Topics;
import io.flopx.localstack.image.HealthCheck;
import io.flopx.localstack.image.ImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Compose file, checked without a Docker engine: Debian's docker-compose validates it against the
 * Compose schema and resolves it ({@code config} needs no engine), then everything it references is checked
 * against the build: the images and the ports they listen on, the environment variables each service
 * reads, the realm file, the topics and their partitions, the versions of Kafka, Keycloak and PostgreSQL the
 * tests run, health checks and start order, and that only the gateway and the UIs are published.
 */
class ComposeValidationTest {

    static final Path REPO = ManifestValidationTest.REPO;
    static final Path COMPOSE = REPO.resolve("deploy/compose");
    static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    static final Set<String> USER_INTERFACES = Set.of("gateway", "keycloak", "grafana", "prometheus", "kafka-ui");

    static JsonNode resolved;

    @BeforeAll
    static void resolve() throws Exception {
        DebianPackages.ensure(List.of(DOCKER_COMPOSE), "docker-compose");
        Result result = compose(COMPOSE.resolve("compose.yaml"));
        assertEquals(0, result.exit, "docker-compose config: " + result.output);
        resolved = Manifests.YAML.readTree(result.output);
    }

    @Test
    void composeRejectsWhatIsNotCompose() throws Exception {
        String original = Files.readString(COMPOSE.resolve("compose.yaml"));
        Path broken = Files.createDirectories(REPO.resolve("e2e/target/compose-mutants"))
                .resolve("compose.yaml");
        Files.writeString(
                broken, original.replace("    healthcheck: &service-health", "    healthchek: &service-health"));
        assertNotEquals(0, compose(broken).exit, "a misspelt key");
        Files.writeString(
                broken,
                original.replace("retries: 12\n      start_period: 20s", "retries: twelve\n      start_period: 20s"));
        assertNotEquals(0, compose(broken).exit, "a word where a number belongs");
        Files.writeString(broken, original.replace("condition: service_healthy", "condition: service_happy"));
        assertNotEquals(0, compose(broken).exit, "an unknown start condition");
    }

    @Test
    void everythingReferencedExists() throws Exception {
        Properties images = ManifestValidationTest.builtImages();
        JsonNode services = resolved.path("services");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String service : ImageBuilder.SERVICES) {
            JsonNode definition = services.path(service);
            checked++;
            if (!definition.path("image").asText().equals(images.getProperty(service + ".image"))) {
                problems.add(service + ": image " + definition.path("image") + " is not "
                        + images.getProperty(service + ".image"));
            }
            String port = images.getProperty(service + ".port");
            List<String> test = new ArrayList<>();
            definition.at("/healthcheck/test").forEach(t -> test.add(t.asText()));
            checked++;
            if (!test.equals(List.of(
                    "CMD",
                    "java",
                    "-cp",
                    "/opt/flopx/healthcheck",
                    HealthCheck.class.getName(),
                    "http://localhost:" + port + "/q/health/ready"))) {
                problems.add(service + ": health check " + test + " does not ask the image's port " + port);
            }
            Set<String> readable = ServiceSettings.environmentNames(REPO, service);
            for (var it = definition.path("environment").fieldNames(); it.hasNext(); ) {
                String variable = it.next();
                checked++;
                if (!readable.contains(variable)) {
                    problems.add(service + ": sets " + variable + ", which it does not read");
                }
            }
        }
        for (var it = services.fields(); it.hasNext(); ) {
            var service = it.next();
            checked++;
            if (service.getValue().has("ports") && !USER_INTERFACES.contains(service.getKey())) {
                problems.add(service.getKey() + ": publishes ports, but only the gateway and the UIs may");
            }
            for (JsonNode published : service.getValue().path("ports")) {
                String text = published.isTextual()
                        ? published.asText()
                        : published.path("host_ip").asText("") + ":" + published.path("published");
                if (!service.getKey().equals("gateway")
                        && !service.getKey().equals("keycloak")
                        && !text.startsWith("127.0.0.1:")) {
                    problems.add(service.getKey() + ": an operators' UI is published beyond 127.0.0.1: " + published);
                }
            }
            for (var dependency = service.getValue().path("depends_on").fields(); dependency.hasNext(); ) {
                var on = dependency.next();
                String condition = on.getValue().path("condition").asText();
                boolean hasHealthCheck = services.path(on.getKey()).has("healthcheck");
                checked++;
                if (hasHealthCheck && !condition.equals("service_healthy")) {
                    problems.add(service.getKey() + ": starts before " + on.getKey() + " is healthy");
                }
            }
        }
        System.out.printf(
                "compose: %d services, %d references checked, %d problems%n",
                services.size(), checked, problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void itRunsWhatTheTestsRun() throws Exception {
        JsonNode services = resolved.path("services");
        // The image's tag is the pom's kafka.version; that must be the Kafka the Quarkus BOM resolved for the build.
        assertEquals(
                org.apache.kafka.common.utils.AppInfoParser.getVersion(), System.getProperty("flopx.kafka.version"));
        assertEquals(
                "apache/kafka:" + System.getProperty("flopx.kafka.version"),
                services.at("/kafka/image").asText());
        assertEquals(
                "quay.io/keycloak/keycloak:" + System.getProperty("flopx.keycloak.version"),
                services.at("/keycloak/image").asText());
        String postgres = System.getProperty("flopx.postgres.version");
        assertEquals(
                "postgres:" + postgres.substring(0, postgres.lastIndexOf('.')),
                services.at("/postgres/image").asText());
        assertTrue(
                services.at("/keycloak/volumes").toString().contains("deploy/keycloak/flopx-realm.json"),
                "the same realm file as the local stack");

        // The topics, partitions and configurations of the local stack (Topics), created by kafka-init.
        String script = Files.readString(COMPOSE.resolve("kafka/create-topics.sh"));
        assertEquals(
                String.valueOf(Topics.PARTITIONS),
                services.at("/kafka-init/environment/PARTITIONS").asText());
        Set<String> created = new TreeSet<>();
        Matcher create = Pattern.compile("(?m)^create ([a-z-]+)(.*)$").matcher(script);
        while (create.find()) {
            created.add(create.group(1));
            Map<String, String> configs = new TreeMap<>();
            Matcher config = Pattern.compile("--config ([a-z.]+)=(\\S+)").matcher(create.group(2));
            while (config.find()) {
                configs.put(config.group(1), config.group(2));
            }
            assertEquals(
                    new TreeMap<>(Topics.CONFIGS.getOrDefault(create.group(1), Map.of())), configs, create.group(0));
        }
        assertEquals(new TreeSet<>(Topics.NAMES), created, "kafka-init creates exactly the local stack's topics");
        assertEquals(
                "false",
                services.at("/kafka/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE")
                        .asText());

        // Prometheus scrapes each service on the port its image listens on.
        Properties images = ManifestValidationTest.builtImages();
        String prometheus = Files.readString(COMPOSE.resolve("prometheus.yml"));
        for (String service : List.of("catalog-service", "order-service", "matching-service", "settlement-service")) {
            assertTrue(
                    prometheus.contains("\"" + service + ":" + images.getProperty(service + ".port") + "\""), service);
        }
    }

    record Result(int exit, String output) {}

    /** {@code docker-compose config} with the example .env: validates and resolves without an engine. */
    static Result compose(Path file) throws Exception {
        Process p = new ProcessBuilder(
                        DOCKER_COMPOSE.toString(),
                        "--project-directory",
                        COMPOSE.toString(),
                        "--env-file",
                        COMPOSE.resolve(".env.example").toString(),
                        "-f",
                        file.toString(),
                        "config")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }
}
