package io.flopx.testsupport;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.flopx.testsupport.infra.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker (KRaft, in this JVM) for a service's tests. {@code FLOPX_TEST_KAFKA_BOOTSTRAP}
 * points the same tests at a broker started elsewhere.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_BOOTSTRAP = "FLOPX_TEST_KAFKA_BOOTSTRAP";

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        String external = System.getenv(ENV_BOOTSTRAP);
        String bootstrap;
        if (external != null && !external.isBlank()) {
            bootstrap = external;
        } else {
            broker = EmbeddedKafkaBroker.start(
                    Path.of(System.getProperty("java.io.tmpdir"), "kafka-" + UUID.randomUUID()), 0);
            bootstrap = broker.bootstrapServers();
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
