package io.flopx.localstack;

import io.flopx.embedded.infra.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local stack's Kafka broker in a process of its own, so that fault runs can kill it with SIGKILL
 * and start it again on the same log directory and ports: {@code <logDir> <clientPort> <controllerPort>}.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Logger.getLogger("").setLevel(Level.WARNING);
        EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println("kafka broker ready on " + args[1]);
        Thread.currentThread().join();
    }
}
