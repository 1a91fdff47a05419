package io.flopx.localstack;

import io.flopx.embedded.infra.FreePorts;
import java.nio.file.Path;

/**
 * Where the local stack keeps its data, where it finds the service jars and Keycloak, and its ports.
 * All ports are on loopback; a port of 0 means "any free one" (the end-to-end test uses that).
 */
public record StackConfig(
        Path repoRoot,
        Path dataDir,
        Path keycloakZip,
        int postgresPort,
        int kafkaPort,
        int keycloakPort,
        int gatewayPort,
        int catalogPort,
        int orderPort,
        int matchingPort,
        int settlementPort) {

    /** The fixed ports the README documents. */
    public static StackConfig standard(Path repoRoot, Path dataDir, Path keycloakZip) {
        return new StackConfig(repoRoot, dataDir, keycloakZip, 15432, 9092, 8090, 8080, 8081, 8082, 8083, 8084);
    }

    /** Free ports everywhere: a stack that can run beside another one. */
    public static StackConfig isolated(Path repoRoot, Path dataDir, Path keycloakZip) {
        return new StackConfig(
                repoRoot,
                dataDir,
                keycloakZip,
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next());
    }

    public String realmUrl() {
        return "http://localhost:" + keycloakPort + "/realms/flopx";
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }
}
