package io.flopx.localstack.floor;

import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.localstack.KafkaBrokerMain;
import io.flopx.localstack.ProcCpu;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the pieces an order passes through cost on this machine with nothing of FlopX around them: one Kafka
 * hop (raw clients, one producer, N consumer groups), PostgreSQL transactions shaped like a placement and a
 * batch of fills (JDBC), and one HTTP request (the JDK's server and client), each at a fixed rate, the CPU of
 * the server process and of the clients from /proc. The sum over what one order needs is the floor the
 * exchange's CPU per order cannot go under without batching several orders per message, statement or request
 * (docs/benchmarks.md, eighteenth session). Run with {@code local-stack/floor.sh [--rate N] [--warm-up 60s]
 * [--measure 60s]}.
 */
public final class FloorBenchmark {

    private FloorBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("http-server")) {
            HttpFloor.serve(Integer.parseInt(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("kafka-broker")) {
            KafkaBrokerMain.main(new String[] {args[1], args[2], args[3]});
            return;
        }
        int rate = 100;
        Duration warmUp = Duration.ofSeconds(60);
        Duration measure = Duration.ofSeconds(60);
        int lingerMs = 0;
        int fetchWaitMs = 0;
        List<String> cases = List.of("kafka", "postgres", "http");
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rate" -> rate = number("--rate", value, 1, 10_000);
                    case "--warm-up" ->
                        warmUp = Duration.ofSeconds(
                                number("--warm-up (seconds, as 60s)", value.replaceAll("s$", ""), 0, 3_600));
                    case "--measure" ->
                        measure = Duration.ofSeconds(
                                number("--measure (seconds, as 60s)", value.replaceAll("s$", ""), 1, 3_600));
                    case "--linger-ms" -> lingerMs = number("--linger-ms", value, 0, 10_000);
                    case "--fetch-wait-ms" -> fetchWaitMs = number("--fetch-wait-ms", value, 0, 10_000);
                    case "--cases" -> cases = cases(value);
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + " (--rate N, --warm-up 60s, --measure 60s, --linger-ms 0, --fetch-wait-ms 0,"
                                + " --cases kafka,postgres,http)");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("floor.sh: " + e.getMessage());
            System.exit(2);
        }
        // zonky logs every step of PostgreSQL's start and stop; only warnings are worth showing here.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Path work = Path.of("local-stack/target/floor");
        deleteRecursively(work); // the last run's broker log directory and database
        Files.createDirectories(work);
        Run run = new Run(rate, warmUp, measure);
        List<Result> results = new ArrayList<>();
        PrintStream out = System.out;
        out.printf(
                "floor: %d/s, %d s warm-up, %d s measured per case%n", rate, warmUp.toSeconds(), measure.toSeconds());
        if (cases.contains("kafka")) {
            try (KafkaFloor kafka = KafkaFloor.start(work.resolve("kafka"), lingerMs, fetchWaitMs)) {
                for (int groups : new int[] {1, 3}) {
                    results.add(kafka.hop(run, groups));
                    out.println(results.getLast().row());
                }
            }
        }
        if (cases.contains("postgres")) {
            Path pgData = Files.createTempDirectory(work, "postgres");
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgData, 0)) {
                PostgresFloor pg = new PostgresFloor(postgres, pgData);
                results.add(pg.placement(run));
                out.println(results.getLast().row());
                results.add(pg.fillBatch(run));
                out.println(results.getLast().row());
            }
        }
        if (cases.contains("http")) {
            results.add(HttpFloor.request(run));
            out.println(results.getLast().row());
        }
        String table = table(run, results);
        Files.writeString(work.resolve("floor.md"), table, StandardCharsets.UTF_8);
        out.println();
        out.print(table);
        out.println("(also in " + work.resolve("floor.md") + ")");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(
                option + " takes a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static List<String> cases(String value) {
        List<String> known = List.of("kafka", "postgres", "http");
        List<String> cases = List.of(value.split(","));
        if (cases.isEmpty() || !known.containsAll(cases)) {
            throw new IllegalArgumentException("--cases takes some of kafka,postgres,http, not '" + value + "'");
        }
        return cases;
    }

    static String table(Run run, List<Result> results) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "| at %d/s, one message at a time | server ms per message (its JIT) | clients ms per message | messages |%n",
                run.rate()));
        t.append("| --- | --- | --- | --- |\n");
        for (Result r : results) {
            t.append(r.row()).append('\n');
        }
        return t.toString();
    }

    /** The rate and the phases every case runs with. */
    record Run(int rate, Duration warmUp, Duration measure) {}

    /**
     * One case's figures over {@code messages}: CPU seconds of the server side, of its JIT compiler threads
     * (in the server's figure; a young broker still compiles), and of the clients.
     */
    record Result(String what, double serverSeconds, double serverJitSeconds, double clientSeconds, long messages) {
        String row() {
            long n = Math.max(1, messages);
            return String.format(
                    Locale.ROOT,
                    "| %s | %.3f (JIT %.3f) | %.3f | %,d |",
                    what,
                    1000 * serverSeconds / n,
                    1000 * serverJitSeconds / n,
                    1000 * clientSeconds / n,
                    messages);
        }
    }

    /** Paces {@code send} at the run's rate for {@code duration}; returns how many were sent. */
    static long paced(int rate, Duration duration, Step send) throws Exception {
        long period = 1_000_000_000L / rate;
        long next = System.nanoTime();
        long end = next + duration.toNanos();
        long sent = 0;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
                continue;
            }
            send.run(sent);
            sent++;
            next += period;
        }
        return sent;
    }

    @FunctionalInterface
    interface Step {
        void run(long n) throws Exception;
    }

    /** Runs the warm-up, then the measured phase between two readings of the server's and this JVM's CPU. */
    static Result measured(String what, Run run, long serverPid, Step send) throws Exception {
        ProcCpu server = ProcCpu.of(serverPid);
        paced(run.rate(), run.warmUp(), send);
        double server0 = server.seconds();
        double jit0 = ProcCpu.jitSeconds(serverPid);
        double client0 = ProcCpu.self().seconds();
        long sent = paced(run.rate(), run.measure(), send);
        return new Result(
                what,
                server.seconds() - server0,
                ProcCpu.jitSeconds(serverPid) - jit0,
                ProcCpu.self().seconds() - client0,
                sent);
    }

    /**
     * Starts this class again in a JVM of its own ({@code args}: which server, and its arguments), with the
     * local stack's collector and {@code heap}, its output in {@code log}; returns once {@code readyLine} is in it.
     */
    static Process startChild(Path log, String readyLine, String heap, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                FloorBenchmark.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitLine(log, readyLine, child);
        return child;
    }

    private static void awaitLine(Path log, String line, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!Files.exists(log) || !Files.readString(log).contains(line)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "did not start: " + (Files.exists(log) ? Files.readString(log) : "(no output)"));
            }
            Thread.sleep(100);
        }
    }
}
