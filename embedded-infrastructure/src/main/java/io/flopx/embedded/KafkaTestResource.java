package io.flopx.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A real Kafka broker (KRaft, in this JVM) for a service's tests. {@code FLOPX_TEST_KAFKA_BOOTSTRAP}
 * points the same tests at a broker started elsewhere. Tests get a {@link KafkaBrokerControl} in fields
 * marked {@link InjectKafkaBroker}, and one shared {@link KafkaCompanion} (to produce and consume test
 * records) in fields marked with Quarkus' own {@link InjectKafkaCompanion}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_BOOTSTRAP = "FLOPX_TEST_KAFKA_BOOTSTRAP";

    private KafkaBrokerControl broker;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        String external = System.getenv(ENV_BOOTSTRAP);
        broker = external != null && !external.isBlank()
                ? KafkaBrokerControl.external(external)
                : KafkaBrokerControl.embedded(
                        Path.of(System.getProperty("java.io.tmpdir"), "kafka-" + UUID.randomUUID()));
        companion = new KafkaCompanion(broker.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBrokerControl.class));
        injector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }
}
