package io.flopx.e2e;

import io.flopx.localstack.image.ImageBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Only where a Docker engine runs (not on FlopX's CI machines, which have none: there
 * {@link ComposeValidationTest} and {@link ContainerImagesTest} stand in): loads the built image tarballs
 * into the engine, starts the whole Compose file with Testcontainers, and trades through the published
 * gateway with tokens from the published Keycloak.
 */
@EnabledIf("dockerAvailable")
class ComposeSmokeTest {

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Test
    void aTradeGoesThroughTheComposeStack() throws Exception {
        for (String service : ImageBuilder.SERVICES) {
            try (InputStream tarball = Files.newInputStream(ContainerImagesTest.IMAGES.resolve(service + ".tar"))) {
                DockerClientFactory.instance().client().loadImageCmd(tarball).exec();
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ComposeValidationTest.COMPOSE.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Path file = ComposeValidationTest.COMPOSE.resolve("compose.yaml");
        ComposeContainer compose = new ComposeContainer(file.toFile())
                .withEnv(env)
                .withPull(true)
                .withExposedService("gateway", 8080, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(6)));
        compose.start();
        try {
            String gateway =
                    "http://" + compose.getServiceHost("gateway", 8080) + ":" + compose.getServicePort("gateway", 8080);
            // Tokens must carry the issuer the services expect: Keycloak's public address from .env.
            Gateway.at(gateway, "http://localhost:8090/realms/flopx")
                    .smokeTrade(
                            "gansu",
                            "H100-SXM5-80GB",
                            1212,
                            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.DAYS));
        } finally {
            compose.stop();
        }
    }
}
