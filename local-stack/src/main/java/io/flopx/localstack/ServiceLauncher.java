package io.flopx.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a service exactly as it ships: {@code java -jar <module>/target/quarkus-app/quarkus-run.jar},
 * configured through environment variables under the same names Compose and Kubernetes use.
 */
final class ServiceLauncher {

    private ServiceLauncher() {}

    /**
     * With extra environment variables (they win over the stack's) and a name for the process and its log; with
     * what it does with the build's JDK AOT cache (see AotCache).
     */
    static ChildProcess start(
            Service service,
            StackConfig config,
            String kafkaBootstrap,
            Path javaHome,
            Map<String, String> extra,
            String name,
            AotCache.Mode aotMode) {
        Path jar = config.repoRoot().resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests first");
        }
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        Optional<AotCache> aot = AotCache.of(jar.getParent(), javaHome, name, aotMode);
        aot.ifPresent(cache -> command.addAll(cache.jvmOptions()));
        // Every service's extra options, then one service's (FLOPX_ORDER_SERVICE_JVM_OPTS, ...): an A/B run can
        // change one service's settings on the same build (and the same AOT caches).
        for (String variable : List.of("FLOPX_SERVICE_JVM_OPTS", serviceOptionsVariable(service))) {
            String extraOptions = System.getenv(variable);
            if (extraOptions != null && !extraOptions.isBlank()) {
                command.addAll(List.of(extraOptions.trim().split("\\s+")));
            }
        }
        Map<String, String> env = new TreeMap<>();
        service.properties(config, kafkaBootstrap).forEach((k, v) -> {
            if (k.contains("\"")) {
                // A quoted map key (a log category) has no environment name Quarkus maps back reliably.
                command.add("-D" + k + "=" + v);
            } else {
                env.put(Service.environmentName(k), v);
            }
        });
        env.putAll(extra);
        command.add("-jar");
        command.add(jar.toString());
        ChildProcess child = ChildProcess.start(
                name, command, env, jar.getParent(), config.dataDir().resolve("logs/" + name + ".log"));
        // A training JVM assembles its cache as it exits: on these 2 cores, with every service stopping at once,
        // that takes up to a minute.
        aot.filter(AotCache::training).ifPresent(cache -> child.onStop(Duration.ofSeconds(90), cache::afterExit));
        return child;
    }

    /** The environment variable with one service's extra JVM options: FLOPX_CATALOG_SERVICE_JVM_OPTS, say. */
    static String serviceOptionsVariable(Service service) {
        return "FLOPX_" + service.module.toUpperCase(Locale.ROOT).replace('-', '_') + "_JVM_OPTS";
    }

    static void awaitReady(Service service, StackConfig config, ChildProcess child, Duration timeout) {
        try {
            HttpProbe.awaitOk(
                    "http://127.0.0.1:" + service.port(config) + "/q/health/ready",
                    timeout,
                    child::isAlive,
                    service.module);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    e.getMessage() + " — last lines of " + child.log() + ":" + System.lineSeparator()
                            + child.logTail(30),
                    e);
        }
    }
}
