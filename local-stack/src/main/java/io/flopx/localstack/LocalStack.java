package io.flopx.localstack;

import io.flopx.embedded.infra.EmbeddedKafkaBroker;
import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.embedded.infra.FreePorts;
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

/**
 * The whole marketplace on one machine, on real parts: PostgreSQL (a database per service) and a Kafka
 * broker inside this JVM, Keycloak and the five services as child processes. Everything listens on
 * loopback and keeps its data under one folder. {@link #close()} stops it all, newest first.
 */
public final class LocalStack implements AutoCloseable {

    private final StackConfig config;
    private final Progress progress;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final Options options;
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private String kafkaBootstrap;
    private EmbeddedPostgresServer postgres;
    private ChildProcess kafkaProcess;
    private int kafkaControllerPort;
    private ChildProcess secondMatcher;
    /** Variables a service was restarted with (restartWith), on top of the options': kept for later restarts. */
    private final Map<String, Map<String, String>> restartedWith = new LinkedHashMap<>();

    /**
     * How a stack is run. {@code kafkaAsProcess}: the broker in a child process, so fault runs can kill it
     * (otherwise it lives in this JVM); {@code environment}: extra variables per service module (for load
     * runs, such as a higher per-tenant write limit); {@code aotCache}: what the services do with their build's
     * JDK AOT cache (see AotCache: the tests use one if it is there but never train one, so that no stack they
     * stop waits for caches being written).
     */
    public record Options(
            boolean kafkaAsProcess, Map<String, Map<String, String>> environment, AotCache.Mode aotCache) {
        public static final Options STANDARD = new Options(false, Map.of(), AotCache.Mode.USE);

        public Options(boolean kafkaAsProcess, Map<String, Map<String, String>> environment) {
            this(kafkaAsProcess, environment, AotCache.Mode.USE);
        }
    }

    private LocalStack(StackConfig config, PrintStream out, Options options) {
        this.config = config;
        this.progress = new Progress(out);
        this.options = options;
    }

    public static LocalStack start(StackConfig config, PrintStream out) {
        return start(config, out, Options.STANDARD);
    }

    public static LocalStack start(StackConfig config, PrintStream out, Options options) {
        quietenEmbeddedServers();
        LocalStack stack = new LocalStack(config, out, options);
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
        if (kafkaProcess != null) {
            pids.put("kafka", kafkaProcess.pid());
        }
        try {
            pids.put(
                    "postgresql",
                    Long.parseLong(
                            java.nio.file.Files.readAllLines(config.dataDir().resolve("postgres/postmaster.pid"))
                                    .get(0)
                                    .trim()));
        } catch (java.io.IOException | RuntimeException e) {
            // not running: nothing to report
        }
        return pids;
    }

    private void startAll() {
        Path data = config.dataDir();
        progress.step("data folder " + data.toAbsolutePath());

        progress.step("starting PostgreSQL on port " + config.postgresPort());
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), config.postgresPort());
        running.push(new Part("PostgreSQL", () -> postgres.close()));
        EmbeddedPostgresServer.createDatabaseIfMissing(postgres, "catalog");
        EmbeddedPostgresServer.createDatabaseIfMissing(postgres, "orders");
        EmbeddedPostgresServer.createDatabaseIfMissing(postgres, "settlement");

        progress.step("starting Kafka (KRaft) on port " + config.kafkaPort());
        if (options.kafkaAsProcess()) {
            kafkaControllerPort = FreePorts.next();
            kafkaBootstrap = "localhost:" + config.kafkaPort();
            kafkaProcess = startKafkaProcess();
            running.push(new Part("Kafka", () -> kafkaProcess.close()));
        } else {
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(data.resolve("kafka"), config.kafkaPort());
            running.push(kafka);
            kafkaBootstrap = kafka.bootstrapServers();
        }
        Topics.ensure(kafkaBootstrap);

        progress.step("starting Keycloak on port " + config.keycloakPort()
                + " (the first start from a new build of FlopX builds it: about a minute)");
        ChildProcess keycloak = KeycloakServer.start(config, javaHome);
        track(keycloak);

        List<ChildProcess> services = new ArrayList<>();
        for (Service service : Service.values()) {
            progress.step("starting " + service.module + " on port " + service.port(config));
            ChildProcess child = launch(service);
            track(child);
            services.add(child);
        }
        long launched = System.nanoTime();
        for (Service service : Service.values()) {
            ChildProcess child = services.get(service.ordinal());
            ServiceLauncher.awaitReady(service, config, child, Duration.ofMinutes(2));
            startTimes.put(service.module, Duration.ofNanos(System.nanoTime() - launched));
            progress.step(service.module + " is ready");
        }
        progress.step(DemoFunding.fund(config));
        progress.step("FlopX is up");
    }

    /**
     * Kills a service with SIGKILL (no shutdown hooks, nothing flushed: a crash) and starts it again,
     * waiting until it is ready. For fault tests.
     */
    public synchronized void crashAndRestart(String module) {
        long launched = System.nanoTime();
        relaunch(module, ChildProcess::kill, "killed " + module + " (SIGKILL)");
        startTimes.put(module + " (restart)", Duration.ofNanos(System.nanoTime() - launched));
    }

    /**
     * Stops a service as an orchestrator would (SIGTERM: it leaves its consumer groups at once) and starts it
     * again with these variables added, waiting until it is ready; later restarts keep them. For a run that
     * needs settings the stack was not started with (CI's load run on the e2e stack: a higher write limit).
     */
    public synchronized void restartWith(String module, Map<String, String> environment) {
        restartedWith.computeIfAbsent(module, m -> new LinkedHashMap<>()).putAll(environment);
        relaunch(module, ChildProcess::close, "stopped " + module + " to start it with " + environment.keySet());
    }

    /** Stops a service's process the given way, starts a new one and waits until it is ready. */
    private void relaunch(String module, java.util.function.Consumer<ChildProcess> stop, String stopped) {
        Service service = Arrays.stream(Service.values())
                .filter(s -> s.module.equals(module))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        ChildProcess old = children.stream()
                .filter(c -> c.name().equals(module))
                .findFirst()
                .orElseThrow();
        stop.accept(old);
        progress.step(stopped);
        ChildProcess fresh = launch(service);
        children.set(children.indexOf(old), fresh);
        running.remove(old);
        running.push(fresh);
        ServiceLauncher.awaitReady(service, config, fresh, Duration.ofMinutes(2));
        progress.step(module + " is ready again");
    }

    /** From launch to the first ready answer, per service (and the last restart of each). */
    public Map<String, Duration> startTimes() {
        return Map.copyOf(startTimes);
    }

    /** Kills the Kafka broker with SIGKILL and starts it again on the same log and ports (needs kafkaAsProcess). */
    public synchronized void crashAndRestartKafka() {
        if (kafkaProcess == null) {
            throw new IllegalStateException("Kafka runs inside this JVM: start the stack with kafkaAsProcess");
        }
        kafkaProcess.kill();
        progress.step("killed Kafka (SIGKILL)");
        // The stack's shutdown closes whichever broker process is current (see startAll).
        kafkaProcess = startKafkaProcess();
        progress.step("Kafka is back");
    }

    /**
     * Kills PostgreSQL's postmaster with SIGKILL (its backends follow it) and starts the server again on
     * the same data directory and port: it recovers from its write-ahead log.
     */
    public synchronized void crashAndRestartPostgres() {
        killPostgres();
        startPostgres();
    }

    /**
     * SIGKILL to PostgreSQL's postmaster, then waits until its old backends are gone: the database stays down
     * until {@link #startPostgres()}.
     */
    public synchronized void killPostgres() {
        Path dataDir = config.dataDir().resolve("postgres");
        try {
            long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
            progress.step("killed PostgreSQL (SIGKILL to postmaster " + postmaster + ")");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // The old backends must be gone before a new postmaster may take the shared memory.
            while (ProcessHandle.allProcesses()
                            .anyMatch(p ->
                                    p.parent().map(pp -> pp.pid() == postmaster).orElse(false))
                    || ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL's old processes did not exit");
                }
                Thread.sleep(200);
            }
            try {
                // Release the old handle (its data-directory lock); its stop finds nothing to stop.
                postgres.close();
            } catch (RuntimeException expected) {
                // pg_ctl stop fails: the server is already gone.
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts PostgreSQL again on its data directory and port, after {@link #killPostgres()}. */
    public synchronized void startPostgres() {
        Path dataDir = config.dataDir().resolve("postgres");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException first = null;
        while (true) {
            try {
                postgres = EmbeddedPostgresServer.start(dataDir, config.postgresPort());
                break;
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                    progress.step("PostgreSQL did not start yet (retrying for 30 s): " + e);
                }
                if (System.nanoTime() > deadline) {
                    first.addSuppressed(e);
                    throw first;
                }
                // A start that failed inside zonky's EmbeddedPostgres keeps its lock on the data directory's
                // lock file, and nothing can release it: every later start in this JVM then failed with
                // OverlappingFileLockException (a harness run after kill -9 of PostgreSQL). The holder is that
                // dead attempt, so the file goes: the next attempt locks a file of its own.
                try {
                    java.nio.file.Files.deleteIfExists(dataDir.resolve("epg-lock"));
                } catch (java.io.IOException ignored) {
                    // the next attempt says why it cannot lock
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
        progress.step("PostgreSQL is back");
    }

    /** SIGSTOP to a service (and its threads) for {@code pause}, then SIGCONT: a process that hangs. */
    public void pause(String module, Duration pause) throws InterruptedException {
        ChildProcess child = children.stream()
                .filter(c -> c.name().equals(module))
                .findFirst()
                .orElseThrow();
        signal("STOP", child.pid());
        progress.step("paused " + module + " (SIGSTOP) for " + pause.toSeconds() + " s");
        try {
            Thread.sleep(pause.toMillis());
        } finally {
            signal("CONT", child.pid());
            progress.step("resumed " + module + " (SIGCONT)");
        }
    }

    /**
     * Starts a second matching-service on a free port: the consumer group moves some hubs' partitions to
     * it (each moved hub is rebuilt from its log there). {@link #stopSecondMatcher} moves them back.
     *
     * @return its HTTP port
     */
    public synchronized int startSecondMatcher() {
        int port = FreePorts.next();
        Map<String, String> env = new LinkedHashMap<>(environmentOf(Service.MATCHING.module));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        secondMatcher = ServiceLauncher.start(
                Service.MATCHING, config, kafkaBootstrap, javaHome, env, "matching-service-2", options.aotCache());
        HttpProbe.awaitOk(
                "http://127.0.0.1:" + port + "/q/health/ready",
                Duration.ofMinutes(2),
                secondMatcher::isAlive,
                "matching-service-2");
        progress.step("a second matcher is ready on port " + port);
        return port;
    }

    /** Stops the second matcher as an orchestrator would (SIGTERM): it leaves the group at once. */
    public synchronized void stopSecondMatcher() {
        if (secondMatcher != null) {
            secondMatcher.close();
            secondMatcher = null;
            progress.step("the second matcher stopped");
        }
    }

    /** Resident memory of each service now, in bytes (from /proc). */
    public Map<String, Long> residentMemory() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (ChildProcess child : children) {
            try {
                for (String line :
                        java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(child.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss.put(child.name(), Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                    }
                }
            } catch (java.io.IOException e) {
                rss.put(child.name(), -1L);
            }
        }
        return rss;
    }

    private ChildProcess launch(Service service) {
        return ServiceLauncher.start(
                service,
                config,
                kafkaBootstrap,
                javaHome,
                environmentOf(service.module),
                service.module,
                options.aotCache());
    }

    private Map<String, String> environmentOf(String module) {
        Map<String, String> env = new LinkedHashMap<>(options.environment().getOrDefault(module, Map.of()));
        env.putAll(restartedWith.getOrDefault(module, Map.of()));
        return env;
    }

    private ChildProcess startKafkaProcess() {
        List<String> command = List.of(
                javaHome.resolve("bin/java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                absoluteClassPath(),
                KafkaBrokerMain.class.getName(),
                config.dataDir().resolve("kafka").toString(),
                String.valueOf(config.kafkaPort()),
                String.valueOf(kafkaControllerPort));
        ChildProcess kafka = ChildProcess.start(
                "kafka", command, Map.of(), config.dataDir(), config.dataDir().resolve("logs/kafka.log"));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!kafka.logTail(5).contains("kafka broker ready")) {
            if (!kafka.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not start: " + kafka.logTail(30));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return kafka;
    }

    /** This JVM's class path with absolute entries: the broker process runs in another directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        if (children.stream().anyMatch(ChildProcess::stopsSlowly)) {
            progress.step("the services write their AOT caches as they stop (once per build: up to a minute)");
        }
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
        if (part instanceof Part named) {
            return named.name();
        }
        return part instanceof EmbeddedKafkaBroker ? "Kafka" : part.toString();
    }

    /** Something the stack stops, with the name the progress lines give it (its handle can be replaced on restart). */
    private record Part(String name, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
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
