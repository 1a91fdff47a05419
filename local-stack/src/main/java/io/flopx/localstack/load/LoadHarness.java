package io.flopx.localstack.load;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.localstack.AotCache;
import io.flopx.localstack.BuyerCredit;
import io.flopx.localstack.LocalStack;
import io.flopx.localstack.StackConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Proof under load and faults, on a stack of its own (the local stack with the Kafka broker in a process of
 * its own, so it can be killed, and a per-tenant write limit high enough for the rates): load phases at
 * fixed arrival rates with latency percentiles, the gateway's overhead, start times and memory; then fault
 * runs, each with load, a fault injected a third of the way in, a settle, and the invariant checker.
 * Writes {@code results.md} in the data directory and prints the same.
 *
 * <pre>local-stack/load-test.sh [--rates 100,250,500] [--duration 60s] [--faults 33] [--fault-duration 20s]
 *                      [--scenarios KILL_KAFKA,PAUSE_ORDER] [--data-dir DIR] [--profile]</pre>
 *
 * <p>{@code --profile} records a JFR profile of each service for the whole run into {@code DIR/jfr/};
 * {@code --statements} prints, per phase, the statements PostgreSQL spent most time on, per order
 * ({@code pg_stat_statements}).
 */
public final class LoadHarness {

    /** What to run. */
    public record Settings(
            List<Double> rates,
            Duration duration,
            int faultRuns,
            Duration faultDuration,
            double faultRate,
            List<FaultScenario> scenarios,
            Path dataDir,
            Path repoRoot,
            Path keycloakZip,
            boolean profile,
            AotCache.Mode aotCache,
            Duration warmUp,
            double warmUpRate,
            Duration warmUpMax) {
        /** The defaults for warming up: 30 s at 20 orders/s, measured then whether or not the JIT is done. */
        public Settings(
                List<Double> rates,
                Duration duration,
                int faultRuns,
                Duration faultDuration,
                double faultRate,
                List<FaultScenario> scenarios,
                Path dataDir,
                Path repoRoot,
                Path keycloakZip,
                boolean profile,
                AotCache.Mode aotCache) {
            this(
                    rates,
                    duration,
                    faultRuns,
                    faultDuration,
                    faultRate,
                    scenarios,
                    dataDir,
                    repoRoot,
                    keycloakZip,
                    profile,
                    aotCache,
                    WARM_UP,
                    WARM_UP_RATE,
                    Duration.ZERO);
        }
    }

    /** One fault run's outcome. */
    public record FaultRun(FaultScenario scenario, long orders, Duration settle, List<String> violations) {}

    /** Everything a harness run found. */
    public record Outcome(
            List<LatencyReport.Result> load, List<String> loadViolations, List<FaultRun> faults, Path results) {
        public long violations() {
            return loadViolations.size()
                    + faults.stream().mapToLong(f -> f.violations().size()).sum();
        }
    }

    /** Two buyers share up to 500 orders/s: 60,000 writes a minute per tenant is above that. */
    static final String WRITES_PER_MINUTE = "60000";

    static final double WARM_UP_RATE = 20;
    static final Duration WARM_UP = Duration.ofSeconds(30);
    /** The command line's default: warm up until the JIT compilers are quiet, at most this long in all. */
    static final Duration WARM_UP_MAX = Duration.ofMinutes(5);
    /**
     * The JIT compilers of the exchange's JVMs together below a tenth of a core over a slice of warm-up: the code
     * the load runs is compiled (each service's compilers idle at about 0.01-0.03 of a core once it is).
     */
    static final double QUIET_JIT_CORES = 0.10;

    static final Duration QUIET_SLICE = Duration.ofSeconds(10);

    private final Settings settings;
    private final PrintStream out;
    private List<String> loadViolations = List.of();
    private final StringBuilder markdown = new StringBuilder();

    public LoadHarness(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<Double> rates = List.of(100.0, 250.0, 500.0);
        Duration duration = Duration.ofSeconds(60);
        int faults = 33;
        Duration faultDuration = Duration.ofSeconds(20);
        double faultRate = 40;
        List<FaultScenario> scenarios = List.of(FaultScenario.values());
        Path repo = Path.of(System.getProperty("flopx.repo.root", "."));
        Path dataDir = repo.resolve("local-stack/target/load-stack");
        boolean profile = false;
        AotCache.Mode aotCache = AotCache.Mode.TRAIN;
        Duration warmUp = WARM_UP;
        double warmUpRate = WARM_UP_RATE;
        Duration warmUpMax = WARM_UP_MAX;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rates" ->
                    rates = Arrays.stream(args[++i].split(","))
                            .map(Double::parseDouble)
                            .toList();
                case "--duration" -> duration = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
                case "--faults" -> faults = Integer.parseInt(args[++i]);
                case "--fault-duration" -> faultDuration = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
                case "--fault-rate" -> faultRate = Double.parseDouble(args[++i]);
                case "--scenarios" ->
                    scenarios = Arrays.stream(args[++i].split(","))
                            .map(FaultScenario::valueOf)
                            .toList();
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--profile" -> profile = true;
                case "--statements" -> System.setProperty(EmbeddedPostgresServer.STATEMENT_STATS, "true");
                case "--aot-cache" -> aotCache = AotCache.Mode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--warm-up" -> warmUp = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
                case "--warm-up-rate" -> warmUpRate = Double.parseDouble(args[++i]);
                case "--warm-up-max" -> warmUpMax = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
                default -> {
                    System.err.println(
                            "unknown option " + args[i] + " (options: --rates 100,250,500 --duration 60s --faults 33"
                                    + " --fault-duration 20s --fault-rate 40 --scenarios KILL_KAFKA,... --data-dir DIR --profile"
                                    + " --statements --aot-cache train|use|off --warm-up 30s --warm-up-rate 20 --warm-up-max 300s)");
                    System.exit(2);
                }
            }
        }
        Path keycloak = repo.resolve("local-stack/target/keycloak/keycloak.zip");
        Outcome outcome = new LoadHarness(
                        new Settings(
                                rates,
                                duration,
                                faults,
                                faultDuration,
                                faultRate,
                                scenarios,
                                dataDir,
                                repo,
                                keycloak,
                                profile,
                                aotCache,
                                warmUp,
                                warmUpRate,
                                warmUpMax),
                        System.out)
                .run();
        System.exit(outcome.violations() == 0 ? 0 : 1);
    }

    /** The exchange's own processes: every part but the load generator and the identity provider. */
    private static CpuSampler.Usage exchange(Map<String, CpuSampler.Usage> parts) {
        return parts.entrySet().stream()
                .filter(e -> !e.getKey().equals("load generator") && !e.getKey().equals("keycloak"))
                .map(Map.Entry::getValue)
                .reduce(CpuSampler.Usage.NONE, CpuSampler.Usage::plus);
    }

    /** Per phase: "CPU s · ms per accepted order (JIT ms)". */
    private static String cpuCells(
            List<Map<String, CpuSampler.Usage>> phases,
            List<LatencyReport.Result> results,
            Function<Map<String, CpuSampler.Usage>, CpuSampler.Usage> part) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            CpuSampler.Usage u = part.apply(phases.get(i));
            cells.add(String.format(
                    Locale.ROOT,
                    "%.1f s · %s",
                    u.seconds(),
                    u.perOrder(results.get(i).accepted())));
        }
        return String.join(" | ", cells);
    }

    public Outcome run() throws Exception {
        wipe(settings.dataDir());
        StackConfig config = StackConfig.isolated(settings.repoRoot(), settings.dataDir(), settings.keycloakZip());
        // Two buyers share up to 500 orders/s: 60,000 writes a minute per tenant is above that. (The limiter keeps a
        // rolling window of that many timestamps per tenant: far higher limits cost the gateway its heap.)
        // Published outbox rows are kept 10 minutes here (an hour by default), purged every 30 s: long enough
        // for the hop report, short enough that a long run shows the tables staying flat.
        Map<String, String> outbox = Map.of("FLOPX_OUTBOX_KEEP_PUBLISHED", "10m", "FLOPX_OUTBOX_PURGE_INTERVAL", "30s");
        Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        environment.put("gateway", Map.of("FLOPX_GATEWAY_WRITES_PER_MINUTE", WRITES_PER_MINUTE));
        environment.put("catalog-service", outbox);
        // Standing plans' rounds every 2 s (30 s by default), so the load's plans buy and rebuy within a phase.
        Map<String, String> orders = new LinkedHashMap<>(outbox);
        orders.put("FLOPX_PLANS_EVERY", "2s");
        environment.put("order-service", orders);
        // Snapshots every few seconds, so a matcher killed by a fault restarts from one.
        environment.put(
                "matching-service",
                Map.of("FLOPX_MATCHING_SNAPSHOT_EVERY", "5s", "FLOPX_MATCHING_SNAPSHOT_CHECK", "1s"));
        if (settings.profile()) {
            Path jfr = settings.dataDir().resolve("jfr");
            Files.createDirectories(jfr);
            environment.replaceAll((service, env) -> {
                Map<String, String> with = new LinkedHashMap<>(env);
                with.put(
                        "JAVA_TOOL_OPTIONS",
                        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                                + jfr.resolve(service + ".jfr"));
                return with;
            });
        }
        LocalStack.Options options = new LocalStack.Options(true, environment, settings.aotCache());
        try (LocalStack stack = LocalStack.start(config, out, options)) {
            return trade(stack, config);
        }
    }

    /**
     * The same on a stack already running, with its Kafka broker in a process of its own (CI: the e2e module's
     * stack, after every other test, so it pays for no second stack): the gateway is restarted with the write
     * limit two buyers at hundreds of orders a second need. Its other settings stay the stack's; the checker
     * reads everything on it, what earlier tests did included.
     */
    public Outcome runOn(LocalStack stack) throws Exception {
        StackConfig config = stack.config();
        Files.createDirectories(settings.dataDir());
        stack.restartWith("gateway", Map.of("FLOPX_GATEWAY_WRITES_PER_MINUTE", WRITES_PER_MINUTE));
        return trade(stack, config);
    }

    private Outcome trade(LocalStack stack, StackConfig config) throws Exception {
        try (StackProbe probe = new StackProbe(config.postgresPort(), stack.kafkaBootstrap())) {
            ExchangeClient client = new ExchangeClient(config.gatewayUrl(), config.realmUrl());
            // Orders must be funded: the buyers get a credit line no run exhausts.
            BuyerCredit.grant(config.gatewayUrl(), config.realmUrl(), List.of(OpenLoopDriver.BUYERS));
            OpenLoopDriver market = new OpenLoopDriver(client, out, 7);
            market.prepare();
            line("# FlopX under load and faults");
            line("");
            line(
                    "Machine: %d cores, %s, Java %s. Stack: the local stack (PostgreSQL, Kafka in its own process, Keycloak, "
                            + "the five services), all on this machine with the load generator.",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    System.getProperty("java.version"));
            line("");
            List<LatencyReport.Result> load = loadPhases(stack, probe, client, market);
            List<FaultRun> faults = faultRuns(stack, probe, client, market);
            line("");
            line(
                    "Outbox tables after the run (published rows are purged after %s): catalog %,d rows (%,d unpublished), "
                            + "orders %,d rows (%,d unpublished).",
                    "10 minutes on the harness's own stack, an hour on others",
                    probe.count("catalog", "select count(*) from outbox"),
                    probe.count("catalog", "select count(*) from outbox where published_at is null"),
                    probe.count("orders", "select count(*) from outbox"),
                    probe.count("orders", "select count(*) from outbox where published_at is null"));
            Path results = settings.dataDir().resolve("results.md");
            Files.writeString(results, markdown);
            out.println("results: " + results);
            return new Outcome(load, loadViolations, faults, results);
        }
    }

    /**
     * Warms up on, a slice at a time, until the JIT compilers of the exchange's JVMs (as in its CPU figures:
     * the services and Kafka, not Keycloak or this generator) are quiet or
     * {@code warmUpMax} has passed since the warm-up began. A JVM compiles for minutes after a start (the AOT
     * cache holds classes and profiles, not compiled code): in the first runs of a fresh stack its compiler
     * threads took most of a core for about two and a half minutes, and a phase measured meanwhile counted that
     * compiling as the cost of its orders and queued them behind it. What the compilers used while waiting is
     * printed: it is what a start costs, once.
     */
    private void untilCompiled(OpenLoopDriver warmUp, CpuSampler cpu, StackProbe probe) throws InterruptedException {
        if (settings.warmUpMax().compareTo(settings.warmUp()) <= 0) {
            return;
        }
        long deadline = System.nanoTime()
                + settings.warmUpMax().minus(settings.warmUp()).toNanos();
        double compiling = 0;
        long waited = 0;
        while (true) {
            Map<String, CpuSampler.Usage> before = cpu.now();
            warmUp.run(settings.warmUpRate(), QUIET_SLICE, Long.MAX_VALUE, probe::lagLine);
            double jit = exchange(CpuSampler.between(before, cpu.now())).jitSeconds();
            compiling += jit;
            waited += QUIET_SLICE.toSeconds();
            double cores = jit / QUIET_SLICE.toSeconds();
            boolean quiet = cores <= QUIET_JIT_CORES;
            if (quiet || System.nanoTime() > deadline) {
                out.printf(
                        "load: JIT compilers %s (%.2f cores in the last %d s) after %d s more of warm-up; they used"
                                + " %.1f CPU-s meanwhile%n",
                        quiet ? "quiet" : "still busy, measuring anyway",
                        cores,
                        QUIET_SLICE.toSeconds(),
                        waited,
                        compiling);
                return;
            }
        }
    }

    private List<LatencyReport.Result> loadPhases(
            LocalStack stack, StackProbe probe, ExchangeClient client, OpenLoopDriver market) throws Exception {
        List<LatencyReport.Result> results = new ArrayList<>();
        Map<String, Long> peakMemory = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        List<OpenLoopDriver.ProviderChange> changes = new ArrayList<>(market.providerChanges);
        List<DeliveryTraffic.AcceptedOutage> outages = new ArrayList<>();
        // Warm up first (JIT, pools, caches), as a market that has been running would be; not measured.
        OpenLoopDriver warmUp = new OpenLoopDriver(client, out, 3).sharing(market);
        out.printf(
                "load: warming up at %.0f orders/s for %d s (not measured)%n",
                settings.warmUpRate(), settings.warmUp().toSeconds());
        warmUp.run(settings.warmUpRate(), settings.warmUp(), Long.MAX_VALUE, probe::lagLine);
        CpuSampler cpu = new CpuSampler(stack::childPids);
        untilCompiled(warmUp, cpu, probe);
        probe.settle(Duration.ofMinutes(2));
        warmUp.placements.forEach(p -> accepted.add(p.orderId()));
        accepted.addAll(warmUp.resales.buyOrders);
        changes.addAll(warmUp.providerChanges);
        outages.addAll(warmUp.delivery.outages);
        StatementStats statements =
                Boolean.getBoolean(EmbeddedPostgresServer.STATEMENT_STATS) ? new StatementStats(probe) : null;
        List<List<String>> statementsPerPhase = new ArrayList<>(); // in the order of settings.rates()
        List<Map<String, CpuSampler.Usage>> cpuPerPhase = new ArrayList<>();
        List<Map<String, CpuSampler.Usage>> cpuUntilDrained = new ArrayList<>();
        for (double rate : settings.rates()) {
            OpenLoopDriver driver = new OpenLoopDriver(client, out, (long) rate).sharing(market);
            if (statements != null) {
                statements.reset();
            }
            Map<String, CpuSampler.Usage> cpuBefore = cpu.now();
            out.printf(
                    "load: %.0f orders/s for %d s%n", rate, settings.duration().toSeconds());
            driver.run(rate, settings.duration(), Long.MAX_VALUE, () -> {
                stack.residentMemory().forEach((k, v) -> peakMemory.merge(k, v, Math::max));
                return probe.lagLine();
            });
            cpuPerPhase.add(CpuSampler.between(cpuBefore, cpu.now()));
            // Past what the machine sustains, the backlog takes minutes to drain: let it, before measuring.
            Duration settle = probe.settle(Duration.ofMinutes(8));
            // The phase's window leaves out the work its backlog still needed: at saturation that undercounts.
            Map<String, CpuSampler.Usage> untilDrained = CpuSampler.between(cpuBefore, cpu.now());
            cpuUntilDrained.add(untilDrained);
            LatencyReport.Result result = LatencyReport.analyse(
                    driver.placements, probe, rate, settings.duration().toSeconds());
            results.add(result);
            driver.placements.forEach(p -> accepted.add(p.orderId()));
            accepted.addAll(driver.resales.buyOrders);
            changes.addAll(driver.providerChanges);
            outages.addAll(driver.delivery.outages);
            out.printf(
                    "load %.0f/s: accepted -> fill visible %s; due -> fill %s; settled in %s%n",
                    rate,
                    result.acceptedToFill().millis(),
                    result.dueToFill().millis(),
                    settle == null ? "(not settled)" : settle);
            result.hops().forEach((hop, p) -> out.println("  hop " + hop + ": " + p.millis()));
            out.println("  errors: " + errors(driver));
            out.println("  CPU per accepted order: "
                    + cpuPerPhase.get(cpuPerPhase.size() - 1).entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().perOrder(result.accepted()))
                            .collect(Collectors.joining(", ")));
            out.println("  exchange CPU per accepted order: in the phase "
                    + exchange(cpuPerPhase.get(cpuPerPhase.size() - 1)).perOrder(result.accepted())
                    + "; until its backlog drained " + exchange(untilDrained).perOrder(result.accepted()));
            if (statements != null) {
                List<String> rows = statements.top(25, result.accepted());
                statementsPerPhase.add(rows);
                out.printf(
                        "  PostgreSQL's statements, phase and drain, per accepted order (%,d):%n", result.accepted());
                rows.forEach(row -> out.println("  " + row));
            }
        }
        line("## Order accepted -> fill visible");
        line("");
        line(
                "`local-stack/load-test.sh --rates %s --duration %ds`: orders placed at a fixed arrival rate (open loop) "
                        + "through the gateway with real tokens, with a tenth as many provider changes and a tenth amendments and cancels; "
                        + "85 %% of orders priced to trade at once. Latency from the 201 to the fill recorded by order-service (what "
                        + "`GET /api/orders/{id}` shows), over the orders priced to trade; ms.",
                settings.rates().stream().map(r -> String.valueOf(r.intValue())).collect(Collectors.joining(",")),
                settings.duration().toSeconds());
        line("");
        line(
                "| rate (orders/s) | achieved | accepted | filled / priced to trade | p50 | p99 | p99.9 | max | placement p50 / p99 |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (LatencyReport.Result r : results) {
            var p = r.acceptedToFill();
            line(
                    "| %.0f | %.0f | %,d | %,d / %,d | %s | %s | %s | %s | %s / %s |",
                    r.rate(),
                    r.achievedRate(),
                    r.accepted(),
                    r.filled(),
                    r.marketable(),
                    LatencyReport.Percentiles.ms(p.p50()),
                    LatencyReport.Percentiles.ms(p.p99()),
                    LatencyReport.Percentiles.ms(p.p999()),
                    LatencyReport.Percentiles.ms(p.max()),
                    LatencyReport.Percentiles.ms(r.placement().p50()),
                    LatencyReport.Percentiles.ms(r.placement().p99()));
        }
        line("");
        line("From when the order was due (includes any queueing in the client or the gateway):");
        line("");
        for (LatencyReport.Result r : results) {
            line("- %.0f orders/s: %s", r.rate(), r.dueToFill().millis());
        }
        line("");
        line("### Where the time goes (hops, p50 / p99 ms)");
        line("");
        line("| hop | "
                + results.stream().map(r -> String.format("%.0f/s", r.rate())).collect(Collectors.joining(" | "))
                + " |");
        line("| --- |" + " --- |".repeat(results.size()));
        for (String hop : results.get(0).hops().keySet()) {
            line(
                    "| %s | %s |",
                    hop,
                    results.stream()
                            .map(r -> LatencyReport.Percentiles.ms(
                                            r.hops().get(hop).p50()) + " / "
                                    + LatencyReport.Percentiles.ms(
                                            r.hops().get(hop).p99()))
                            .collect(Collectors.joining(" | ")));
        }
        line("");
        line("### Where the cores go");
        line("");
        line(
                "CPU seconds each part used during each phase (from /proc; the machine has %d cores, so a %d s phase offers %d "
                        + "CPU seconds):",
                Runtime.getRuntime().availableProcessors(),
                settings.duration().toSeconds(),
                Runtime.getRuntime().availableProcessors() * settings.duration().toSeconds());
        line("");
        line("| part | "
                + results.stream().map(r -> String.format("%.0f/s", r.rate())).collect(Collectors.joining(" | "))
                + " |");
        line("| --- |" + " --- |".repeat(results.size()));
        List<String> parts = new ArrayList<>(cpuPerPhase.get(0).keySet());
        parts.remove("load generator");
        for (String part : parts) {
            line("| %s | %s |", part, cpuCells(cpuPerPhase, results, m -> m.get(part)));
        }
        line("| **exchange** (not Keycloak) | %s |", cpuCells(cpuPerPhase, results, LoadHarness::exchange));
        line(
                "| **exchange, until the backlog drained** | %s |",
                cpuCells(cpuUntilDrained, results, LoadHarness::exchange));
        line("| load generator (apart) | %s |", cpuCells(cpuPerPhase, results, m -> m.get("load generator")));
        line("");
        line(
                "Each cell: CPU seconds in the phase; that divided by the orders accepted in it; and of it, the JIT compiler threads' "
                        + "(warm-up, at least that much).");
        line("");
        for (int i = 0; i < statementsPerPhase.size(); i++) {
            line(
                    "### PostgreSQL's statements at %.0f orders/s (phase and drain, per accepted order)",
                    settings.rates().get(i));
            line("");
            statementsPerPhase.get(i).forEach(row -> line("%s", row));
            line("");
        }
        InvariantChecker.Report invariants = new InvariantChecker(probe).check(accepted, changes, outages, out);
        line("After the load phases: " + invariants.summary() + ".");
        invariants.violations().stream().limit(20).forEach(v -> line("- VIOLATION %s", v));
        line("");
        loadViolations = invariants.violations();
        gatewayOverhead(client, stack, accepted.isEmpty() ? null : accepted.get(accepted.size() - 1));
        line("## Start and memory");
        line("");
        line("| service | launch -> first ready answer | peak RSS under load |");
        line("| --- | --- | --- |");
        stack.startTimes()
                .forEach((service, d) -> line(
                        "| %s | %.1f s | %s |",
                        service,
                        d.toMillis() / 1000.0,
                        peakMemory.containsKey(service) ? (peakMemory.get(service) >> 20) + " MiB" : "–"));
        line("");
        return results;
    }

    /** Paired calls, alternately through the gateway and straight to order-service: the difference is the gateway's. */
    private void gatewayOverhead(ExchangeClient client, LocalStack stack, String order) {
        if (order == null) {
            return;
        }
        ExchangeClient direct = new ExchangeClient(
                "http://127.0.0.1:" + stack.config().orderPort(), stack.config().realmUrl());
        Histogram through = new Histogram(3_600_000_000L, 3);
        Histogram straight = new Histogram(3_600_000_000L, 3);
        Histogram added = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < 2500; i++) {
            long a = time(() -> client.call(DemoUser.CAROL, "GET", "/api/orders/" + order, null));
            long b = time(() -> direct.call(DemoUser.CAROL, "GET", "/orders/" + order, null));
            if (i >= 500) {
                through.recordValue(a);
                straight.recordValue(b);
                added.recordValue(Math.max(0, a - b));
            }
        }
        line("## Gateway overhead");
        line("");
        line(
                "`GET /api/orders/{id}` through the gateway against `GET /orders/{id}` straight to order-service, alternately, "
                        + "one at a time, 2,000 pairs after 500 to warm up, after the load phases; µs.");
        line("");
        line("| path | p50 | p99 |");
        line("| --- | --- | --- |");
        line("| through the gateway | %d | %d |", through.getValueAtPercentile(50), through.getValueAtPercentile(99));
        line(
                "| straight to order-service | %d | %d |",
                straight.getValueAtPercentile(50), straight.getValueAtPercentile(99));
        line(
                "| **added by the gateway** (paired) | **%d** | **%d** |",
                added.getValueAtPercentile(50), added.getValueAtPercentile(99));
        line("");
        out.printf(
                "gateway overhead: p50 %d µs, p99 %d µs%n",
                added.getValueAtPercentile(50), added.getValueAtPercentile(99));
    }

    /** The fault runs trade on the market the load phases made (its sites, offerings, delivery leases and plans). */
    private List<FaultRun> faultRuns(LocalStack stack, StackProbe probe, ExchangeClient client, OpenLoopDriver market)
            throws Exception {
        List<FaultRun> runs = new ArrayList<>();
        if (settings.faultRuns() == 0) {
            return runs;
        }
        InvariantChecker checker = new InvariantChecker(probe);
        List<String> acceptedOrders = new ArrayList<>();
        List<OpenLoopDriver.ProviderChange> changes = new ArrayList<>();
        List<DeliveryTraffic.AcceptedOutage> outages = new ArrayList<>();
        for (int i = 0; i < settings.faultRuns(); i++) {
            FaultScenario scenario =
                    settings.scenarios().get(i % settings.scenarios().size());
            out.printf(
                    "fault run %d/%d: %s, %.0f orders/s for %d s%n",
                    i + 1,
                    settings.faultRuns(),
                    scenario.description,
                    settings.faultRate(),
                    settings.faultDuration().toSeconds());
            OpenLoopDriver driver = new OpenLoopDriver(client, out, 1000L + i).sharing(market);
            Thread load = Thread.ofPlatform().name("load").start(() -> {
                try {
                    driver.run(settings.faultRate(), settings.faultDuration(), Long.MAX_VALUE, probe::lagLine);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(settings.faultDuration().toMillis() / 3);
            scenario.inject(stack);
            load.join();
            scenario.recover(stack);
            Duration settle = probe.settle(Duration.ofMinutes(3));
            driver.placements.forEach(p -> acceptedOrders.add(p.orderId()));
            acceptedOrders.addAll(driver.resales.buyOrders);
            changes.addAll(driver.providerChanges);
            changes.addAll(market.providerChanges);
            market.providerChanges.clear();
            outages.addAll(driver.delivery.outages);
            List<String> violations = new ArrayList<>(
                    checker.check(acceptedOrders, changes, outages, out).violations());
            if (settle == null) {
                violations.add("the exchange did not settle within 3 minutes after the run");
            }
            out.printf(
                    "fault run %d: %s: %,d orders accepted, errors %s, settled in %s, %d violations%n",
                    i + 1, scenario, driver.placements.size(), errors(driver), settle, violations.size());
            runs.add(new FaultRun(scenario, driver.placements.size(), settle, violations));
        }
        line("## Faults");
        line("");
        line(
                "`local-stack/load-test.sh --faults %d --fault-duration %ds --fault-rate %.0f`: each run places orders at %.0f/s (with "
                        + "provider changes, amendments and cancels) for %d s, injects its fault a third of the way in, waits for the "
                        + "exchange to settle, then checks every invariant over everything accepted so far.",
                settings.faultRuns(),
                settings.faultDuration().toSeconds(),
                settings.faultRate(),
                settings.faultRate(),
                settings.faultDuration().toSeconds());
        line("");
        line("| fault | runs | orders accepted | violations | slowest settle |");
        line("| --- | --- | --- | --- | --- |");
        for (FaultScenario scenario : FaultScenario.values()) {
            List<FaultRun> of =
                    runs.stream().filter(r -> r.scenario() == scenario).toList();
            if (!of.isEmpty()) {
                line(
                        "| %s | %d | %,d | %d | %s |",
                        scenario.description,
                        of.size(),
                        of.stream().mapToLong(FaultRun::orders).sum(),
                        of.stream().mapToLong(r -> r.violations().size()).sum(),
                        of.stream()
                                .map(FaultRun::settle)
                                .map(d -> d == null ? "never" : String.format("%.1f s", d.toMillis() / 1000.0))
                                .max(String::compareTo)
                                .orElse("–"));
            }
        }
        line("");
        runs.stream()
                .flatMap(r -> r.violations().stream().map(v -> r.scenario() + ": " + v))
                .limit(100)
                .forEach(v -> line("- VIOLATION %s", v));
        return runs;
    }

    private static String errors(OpenLoopDriver driver) {
        return driver.errors.isEmpty()
                ? "none"
                : driver.errors.entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue().get())
                        .collect(Collectors.joining(", "));
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1000;
    }

    private void line(String format, Object... args) {
        markdown.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args))
                .append('\n');
    }

    private static void wipe(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static long sum(Map<String, AtomicLong> counts) {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
