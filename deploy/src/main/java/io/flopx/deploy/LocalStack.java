package io.flopx.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.flopx.testsupport.infra.EmbeddedKafkaBroker;
import io.flopx.testsupport.infra.EmbeddedPostgresServer;

/**
 * The whole marketplace on one machine, on real parts: PostgreSQL (a database per service) and a Kafka
 * broker inside this JVM, Keycloak and the four services as child processes. Everything listens on
 * loopback and keeps its data under one folder. {@link #close()} stops it all, newest first.
 */
public final class LocalStack implements AutoCloseable {

    private final StackConfig config;
    private final Progress progress;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private String kafkaBootstrap;

    private LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.progress = new Progress(out);
    }

    public static LocalStack start(StackConfig config, PrintStream out) {
        quietenEmbeddedServers();
        LocalStack stack = new LocalStack(config, out);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The stack's Kafka bootstrap servers, for tests that produce or consume directly. */
    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public StackConfig config() {
        return config;
    }

    /** Process ids of Keycloak and the services, for memory readings. */
    public Map<String, Long> childPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        children.forEach(c -> pids.put(c.name(), c.pid()));
        return pids;
    }

    private void startAll() {
        Path data = config.dataDir();
        progress.step("data folder " + data.toAbsolutePath());

        progress.step("starting PostgreSQL on port " + config.postgresPort());
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), config.postgresPort());
        running.push(postgres);
        EmbeddedPostgresServer.createDatabaseIfMissing(postgres, "catalog");
        EmbeddedPostgresServer.createDatabaseIfMissing(postgres, "orders");

        progress.step("starting Kafka (KRaft) on port " + config.kafkaPort());
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(data.resolve("kafka"), config.kafkaPort());
        running.push(kafka);
        Topics.ensure(kafka.bootstrapServers());
        kafkaBootstrap = kafka.bootstrapServers();

        progress.step("starting Keycloak on port " + config.keycloakPort() + " (the first start builds it: about a minute)");
        ChildProcess keycloak = KeycloakServer.start(config, javaHome);
        track(keycloak);

        List<ChildProcess> services = new ArrayList<>();
        for (Service service : Service.values()) {
            progress.step("starting " + service.module + " on port " + service.port(config));
            ChildProcess child = ServiceLauncher.start(service, config, kafka.bootstrapServers(), javaHome);
            track(child);
            services.add(child);
        }
        for (Service service : Service.values()) {
            ChildProcess child = services.get(service.ordinal());
            ServiceLauncher.awaitReady(service, config, child, Duration.ofMinutes(2));
            progress.step(service.module + " is ready");
        }
        progress.step("FlopX is up");
    }

    /**
     * Kills a service with SIGKILL (no shutdown hooks, nothing flushed: a crash) and starts it again,
     * waiting until it is ready. For fault tests.
     */
    public synchronized void crashAndRestart(String module) {
        Service service = Arrays.stream(Service.values()).filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        ChildProcess old = children.stream().filter(c -> c.name().equals(module)).findFirst().orElseThrow();
        old.kill();
        progress.step("killed " + module + " (SIGKILL)");
        ChildProcess fresh = ServiceLauncher.start(service, config, kafkaBootstrap, javaHome);
        children.set(children.indexOf(old), fresh);
        running.remove(old);
        running.push(fresh);
        ServiceLauncher.awaitReady(service, config, fresh, Duration.ofMinutes(2));
        progress.step(module + " is ready again");
    }

    private void track(ChildProcess child) {
        running.push(child);
        children.add(child);
    }

    /** Stops what was started, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        // The services do not depend on each other's shutdown: let them all begin at once.
        children.stream().filter(c -> !c.name().equals("keycloak")).forEach(ChildProcess::requestStop);
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
                progress.step("stopped " + describe(next));
            } catch (Exception e) {
                System.err.println("while stopping " + describe(next) + ": " + e);
            }
        }
    }

    private static String describe(AutoCloseable part) {
        if (part instanceof ChildProcess child) {
            return child.name();
        }
        return part instanceof EmbeddedKafkaBroker ? "Kafka" : "PostgreSQL";
    }

    /** Held so the JUL loggers keep their levels: JUL only references loggers weakly. */
    private static final List<Logger> QUIETENED = new ArrayList<>();

    private static void quietenEmbeddedServers() {
        // Kafka and zonky log through java.util.logging here; their INFO and routine WARNING lines
        // (such as the controller activation on a new log) would bury the progress.
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
        for (String noisy : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            Logger logger = Logger.getLogger(noisy);
            logger.setLevel(Level.SEVERE);
            QUIETENED.add(logger);
        }
    }
}
