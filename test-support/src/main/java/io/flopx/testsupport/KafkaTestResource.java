package io.flopx.testsupport;

import java.util.Map;

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
            broker = EmbeddedKafkaBroker.start(PostgresTestResource.scratch("kafka"), 0);
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
