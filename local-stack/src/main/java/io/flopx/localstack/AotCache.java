package io.flopx.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's JDK AOT cache (JDK 25+: JEP 483's classes read, parsed and linked ahead of time, JEP 515's
 * method profiles). Measured on the 2-core machine: without it a service spends 35-55 % of its CPU in the
 * JIT compilers for minutes after it starts, and is ready later (see docs/benchmarks.md). A training run
 * (the stack started with training on: {@code local-stack/run-local.sh} and {@code local-stack/load-test.sh}) has the
 * JVM write the cache when the service stops; later starts of the same build on the same JDK use it. A cache
 * older than any file of the build is neither used nor kept; one the JVM finds unusable (another JDK build)
 * is ignored by the JVM with a warning, never an error.
 */
public final class AotCache {

    /** What a stack does with the caches: ignore them, start from them, or also train one where there is none. */
    public enum Mode {
        OFF,
        USE,
        TRAIN
    }

    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_RUNTIME_VERSION=\"([0-9]+)([^\"]*)\"");

    private final Path cache;
    private final Path training;
    private final boolean fresh;

    private AotCache(Path cache, Path training, boolean fresh) {
        this.cache = cache;
        this.training = training;
        this.fresh = fresh;
    }

    /**
     * The cache of the app in {@code appDir} run by {@code javaHome}, for the process called {@code name}; empty
     * when that JDK has no AOT cache with profiles (before 25) or when there is none and this stack does not train.
     */
    static Optional<AotCache> of(Path appDir, Path javaHome, String name, Mode mode) {
        Optional<String> version = jdkVersion(javaHome);
        if (mode == Mode.OFF
                || version.isEmpty()
                || Integer.parseInt(version.get().split("[.+-]")[0]) < 25) {
            return Optional.empty();
        }
        Path cache = appDir.resolve("flopx-jdk-" + version.get() + ".aot");
        boolean fresh = isNewerThanTheBuild(cache, appDir);
        if (!fresh && mode != Mode.TRAIN) {
            return Optional.empty();
        }
        return Optional.of(new AotCache(cache, appDir.resolve(cache.getFileName() + "." + name + ".training"), fresh));
    }

    /**
     * Start from the cache, or (no fresh cache yet) record one that the JVM writes when the process stops. A
     * training JVM logs only errors of its own AOT work: otherwise it lists, as warnings, every class it leaves
     * out of the cache (proxies, classes of optional dependencies that are not there), 40-80 lines per service.
     */
    List<String> jvmOptions() {
        return fresh ? List.of("-XX:AOTCache=" + cache) : List.of("-XX:AOTCacheOutput=" + training, "-Xlog:aot=error");
    }

    boolean training() {
        return !fresh;
    }

    /**
     * After a training process stopped cleanly: its cache becomes the build's (replaced whole, so a starting
     * JVM never maps a half-written file). After a crash or a forced stop, what it left is deleted.
     */
    void afterExit(boolean stoppedCleanly) {
        if (fresh) {
            return;
        }
        try {
            if (stoppedCleanly && Files.size(training) > 0) {
                Files.move(training, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // No cache written (the JVM could not assemble one): the next start trains again.
        } finally {
            try {
                Files.deleteIfExists(training);
                Files.deleteIfExists(Path.of(training + ".config"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean isNewerThanTheBuild(Path cache, Path appDir) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            FileTime made = Files.getLastModifiedTime(cache);
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("flopx-jdk-"))
                    .allMatch(f -> lastModified(f).compareTo(made) < 0);
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /** The JDK's build from its {@code release} file, e.g. "25.0.3+9-LTS" (a cache is only valid for the build that made it). */
    private static Optional<String> jdkVersion(Path javaHome) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Optional.of(m.group(1) + m.group(2)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
