package io.flopx.embedded;

import io.flopx.embedded.infra.EmbeddedKafkaBroker;
import io.flopx.embedded.infra.FreePorts;
import java.nio.file.Path;

/**
 * The test's handle on its Kafka broker: tests of "Kafka was away" stop it and start it again on the
 * same ports and log directory. A broker started elsewhere cannot be stopped from here.
 */
public final class KafkaBrokerControl {

    private final Path logDir;
    private final int clientPort;
    private final int controllerPort;
    private final String externalBootstrap;
    private EmbeddedKafkaBroker broker;

    private KafkaBrokerControl(Path logDir, String externalBootstrap) {
        this.logDir = logDir;
        this.externalBootstrap = externalBootstrap;
        this.clientPort = FreePorts.next();
        this.controllerPort = FreePorts.next();
    }

    static KafkaBrokerControl embedded(Path logDir) {
        KafkaBrokerControl control = new KafkaBrokerControl(logDir, null);
        control.start();
        return control;
    }

    static KafkaBrokerControl external(String bootstrap) {
        return new KafkaBrokerControl(null, bootstrap);
    }

    public boolean canRestart() {
        return externalBootstrap == null;
    }

    public String bootstrapServers() {
        return externalBootstrap != null ? externalBootstrap : "localhost:" + clientPort;
    }

    public synchronized void start() {
        if (canRestart() && broker == null) {
            broker = EmbeddedKafkaBroker.start(logDir, clientPort, controllerPort);
        }
    }

    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
