package io.flopx.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service trains, uses or ignores its build's AOT cache (no JVM is started: the options and files only). */
class AotCacheTest {

    @TempDir
    Path dir;

    Path app;
    Path jdk25;
    Path cache;

    @BeforeEach
    void build() throws Exception {
        app = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.writeString(Files.createDirectories(app.resolve("lib")).resolve("a.jar"), "jar");
        Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        jdk25 = jdk("25.0.3+9-LTS");
        cache = app.resolve("flopx-jdk-25.0.3+9-LTS.aot");
        age(app.resolve("lib/a.jar"), 60);
        age(app.resolve("quarkus-run.jar"), 60);
    }

    @Test
    void aBuildWithoutACacheTrainsOneThatLaterStartsUse() throws Exception {
        AotCache training =
                AotCache.of(app, jdk25, "order-service", AotCache.Mode.TRAIN).orElseThrow();
        assertTrue(training.training());
        Path output = app.resolve("flopx-jdk-25.0.3+9-LTS.aot.order-service.training");
        assertEquals(List.of("-XX:AOTCacheOutput=" + output, "-Xlog:aot=error"), training.jvmOptions());

        Files.writeString(output, "the JVM's cache");
        Files.writeString(Path.of(output + ".config"), "its intermediate file");
        training.afterExit(true);
        assertEquals("the JVM's cache", Files.readString(cache));
        assertFalse(Files.exists(output));
        assertFalse(Files.exists(Path.of(output + ".config")));

        AotCache using =
                AotCache.of(app, jdk25, "order-service", AotCache.Mode.TRAIN).orElseThrow();
        assertFalse(using.training());
        assertEquals(List.of("-XX:AOTCache=" + cache), using.jvmOptions());
        assertEquals(
                using.jvmOptions(),
                AotCache.of(app, jdk25, "order-service", AotCache.Mode.USE)
                        .orElseThrow()
                        .jvmOptions());
    }

    @Test
    void aCacheOlderThanAnyFileOfTheBuildIsNotUsed() throws Exception {
        Files.writeString(cache, "cache");
        age(cache, 30);
        assertTrue(AotCache.of(app, jdk25, "gateway", AotCache.Mode.USE).isPresent());

        Files.writeString(app.resolve("lib/a.jar"), "rebuilt"); // newer than the cache
        assertTrue(AotCache.of(app, jdk25, "gateway", AotCache.Mode.USE).isEmpty());
        assertTrue(AotCache.of(app, jdk25, "gateway", AotCache.Mode.TRAIN)
                .orElseThrow()
                .training());
    }

    @Test
    void aTrainingProcessThatCrashedOrWasKilledLeavesNoCache() throws Exception {
        AotCache training =
                AotCache.of(app, jdk25, "catalog-service", AotCache.Mode.TRAIN).orElseThrow();
        Path output = app.resolve("flopx-jdk-25.0.3+9-LTS.aot.catalog-service.training");
        Files.writeString(output, "half written");
        training.afterExit(false);
        assertFalse(Files.exists(output));
        assertFalse(Files.exists(cache));

        training.afterExit(true); // stopped cleanly, but the JVM wrote nothing
        assertFalse(Files.exists(cache));
    }

    @Test
    void offOrAJdkBefore25MeansNoCacheOptions() throws Exception {
        Files.writeString(cache, "cache");
        assertTrue(AotCache.of(app, jdk25, "gateway", AotCache.Mode.OFF).isEmpty());
        assertTrue(AotCache.of(app, jdk("21.0.9+10-LTS"), "gateway", AotCache.Mode.TRAIN)
                .isEmpty());
        assertTrue(AotCache.of(app, dir.resolve("no-such-jdk"), "gateway", AotCache.Mode.TRAIN)
                .isEmpty());
    }

    private Path jdk(String runtimeVersion) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk-" + runtimeVersion));
        Files.writeString(
                home.resolve("release"),
                "JAVA_VERSION=\"" + runtimeVersion.replaceAll("\\+.*", "") + "\"\n" + "JAVA_RUNTIME_VERSION=\""
                        + runtimeVersion + "\"\n");
        return home;
    }

    private static void age(Path file, long secondsAgo) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }
}
