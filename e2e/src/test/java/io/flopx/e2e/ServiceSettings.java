package io.flopx.e2e;

import io.flopx.localstack.Service;
import io.flopx.localstack.StackConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service reads from its environment, so that a manifest setting a variable no service reads (a
 * typo, a renamed property) fails the build: the service's own properties and those the local stack
 * gives it, under the names SmallRye Config maps them to, plus the few read only outside the local stack.
 */
final class ServiceSettings {

    /** Read by the JVM or by Quarkus, and set by Compose and Kubernetes but not by the local stack. */
    static final Set<String> OUTSIDE_LOCAL_STACK = Set.of(
            "JAVA_TOOL_OPTIONS", // the JVM itself: heap sizing in containers
            "QUARKUS_OIDC_TOKEN_ISSUER", // public issuer when keys are fetched on a private address
            "QUARKUS_OTEL_SDK_DISABLED",
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");

    private ServiceSettings() {}

    static Set<String> environmentNames(Path repo, String module) throws IOException {
        Set<String> names = new TreeSet<>(OUTSIDE_LOCAL_STACK);
        Properties props = new Properties();
        try (Reader reader =
                Files.newBufferedReader(repo.resolve(module).resolve("src/main/resources/application.properties"))) {
            props.load(reader);
        }
        for (String key : props.stringPropertyNames()) {
            names.add(Service.environmentName(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
        }
        Service service = Service.valueOf(
                switch (module) {
                    case "catalog-service" -> "CATALOG";
                    case "order-service" -> "ORDER";
                    case "matching-service" -> "MATCHING";
                    case "settlement-service" -> "SETTLEMENT";
                    default -> "GATEWAY";
                });
        StackConfig config = StackConfig.standard(repo, repo.resolve("e2e/target/unused"), repo.resolve("unused.zip"));
        service.properties(config, "kafka:9092").keySet().forEach(key -> names.add(Service.environmentName(key)));
        return names;
    }
}
