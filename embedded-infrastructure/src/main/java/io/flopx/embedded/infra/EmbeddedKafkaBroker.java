package io.flopx.embedded.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node) running inside
 * this JVM. Its log directory survives a restart when the caller passes the same directory again.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Fixed so that a kept data directory can be reformatted idempotently. */
    private static final String CLUSTER_ID = "ZmxvcHgtbG9jYWwtMDAx";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code logDir} if it is new and starts the broker.
     *
     * @param port the client port on loopback, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return start(logDir, FreePorts.orFree(port), FreePorts.next());
    }

    /** Starts on fixed ports: a broker stopped earlier comes back where its clients expect it. */
    public static EmbeddedKafkaBroker start(Path logDir, int clientPort, int controllerPort) {
        Map<String, String> props = brokerProperties(logDir, clientPort, controllerPort);
        try {
            Files.createDirectories(logDir);
            Path configFile = logDir.resolve("server.properties");
            writeProperties(configFile, props);
            format(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, "localhost:" + clientPort);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Map<String, String> brokerProperties(Path logDir, int clientPort, int controllerPort) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic must live with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private static void writeProperties(Path file, Map<String, String> props) throws IOException {
        Properties properties = new Properties();
        properties.putAll(props);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "FlopX embedded Kafka broker");
        }
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {
                    "format", "--config", configFile.toString(), "--cluster-id", CLUSTER_ID, "--ignore-formatted"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }
}
