package io.flopx.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from Maven Central's {@code keycloak-quarkus-dist}, unpacked once into the data folder and
 * started in dev mode with the FlopX realm imported. Its own H2 database lives in the same folder, so
 * users and keys survive restarts while the realm file stays the same (a changed one starts it afresh); the
 * first start also builds Keycloak (about 40 s on 2 cores). The built distribution is kept beside the zip, so
 * the next data folder made from the same zip (another test stack, a wiped local stack) starts from it.
 */
public final class KeycloakServer {

    static final String REALM_RESOURCE = "/keycloak/flopx-realm.json";
    /** Local demo credentials for the Keycloak admin console, printed at start-up. */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "admin";

    private KeycloakServer() {}

    static ChildProcess start(StackConfig config, Path javaHome) {
        Path built = builtCopyOf(config.keycloakZip());
        Path home = install(config.keycloakZip(), built, config.dataDir().resolve("keycloak"));
        Path imported = home.resolve("data/import/flopx-realm.json");
        boolean changed = copyRealm(imported);
        if (changed) {
            // Keycloak imports a realm only when it does not exist yet: a newer realm file (new clients or roles)
            // would never reach a data folder made before it. Its database holds nothing but the realm (demo
            // users, keys, sessions), so it starts afresh from the new file.
            deleteTree(home.resolve("data/h2"));
        }
        List<String> command = List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + config.keycloakPort(),
                "--import-realm");
        Map<String, String> env = Map.of(
                "JAVA_HOME",
                javaHome.toString(),
                "JAVA_OPTS_KC_HEAP",
                "-Xms64m -Xmx384m",
                "KC_BOOTSTRAP_ADMIN_USERNAME",
                ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD",
                ADMIN_PASSWORD);
        ChildProcess process = ChildProcess.start(
                "keycloak", command, env, home, config.dataDir().resolve("logs/keycloak.log"));
        try {
            HttpProbe.awaitOk(
                    config.realmUrl() + "/.well-known/openid-configuration",
                    Duration.ofMinutes(4),
                    process::isAlive,
                    "Keycloak");
        } catch (RuntimeException e) {
            String tail = process.logTail(30);
            process.close();
            throw new IllegalStateException(e.getMessage() + System.lineSeparator() + tail, e);
        }
        keepBuilt(home, built);
        return process;
    }

    /** Where the built distribution of {@code zip} is kept: beside it, so a clean build drops both. */
    static Path builtCopyOf(Path zip) {
        return zip.resolveSibling("built");
    }

    /**
     * Keeps a copy of a distribution that has been built (it just started), without its data, unless one is
     * kept already. Written aside and renamed, so a half-written copy is never taken for a whole one.
     */
    static void keepBuilt(Path home, Path built) {
        if (Files.exists(built.resolve(home.getFileName()))) {
            return;
        }
        Path partial = built.resolveSibling(
                built.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            copyTree(home, partial.resolve(home.getFileName()), home.resolve("data"));
            deleteTree(built);
            Files.move(partial, built, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            // Only the next first start is slower without it.
            System.err.println("could not keep the built Keycloak at " + built + ": " + e.getMessage());
        }
    }

    /** Installs the distribution unless an earlier run did: a built copy when one is kept, else the zip. */
    static Path install(Path zip, Path built, Path target) {
        Path marker = target.resolve(".installed");
        try {
            if (Files.exists(marker)) {
                return Files.readString(marker).isBlank()
                        ? target
                        : target.resolve(Files.readString(marker).trim());
            }
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(
                        "Keycloak distribution not found at " + zip + ": build with ./mvnw package first");
            }
            Path kept = built.resolve(topFolder(zip));
            if (Files.isDirectory(kept)) {
                copyTree(kept, target.resolve(kept.getFileName()), null);
                Files.writeString(marker, kept.getFileName().toString());
                return target.resolve(kept.getFileName());
            }
            String top = null;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IllegalStateException("unsafe entry in " + zip + ": " + entry.getName());
                    }
                    if (top == null) {
                        top = entry.getName().split("/")[0];
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path home = target.resolve(top);
            for (String script : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
                home.resolve("bin").resolve(script).toFile().setExecutable(true);
            }
            Files.writeString(marker, top);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install Keycloak from " + zip, e);
        }
    }

    /** Copies the launcher's realm file to {@code destination}: whether it differs from what was there. */
    static boolean copyRealm(Path destination) {
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException("realm file missing from the launcher: " + REALM_RESOURCE);
            }
            byte[] wanted = realm.readAllBytes();
            if (Files.isRegularFile(destination) && Arrays.equals(Files.readAllBytes(destination), wanted)) {
                return false;
            }
            Files.createDirectories(destination.getParent());
            Files.write(destination, wanted);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution's top folder (its name carries the version, so a kept copy of another one is not used). */
    private static String topFolder(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry first = in.getNextEntry();
            if (first == null) {
                throw new IllegalStateException("empty Keycloak distribution: " + zip);
            }
            return first.getName().split("/")[0];
        }
    }

    /** Copies a tree, file modes included, leaving out {@code skipped} (may be null). */
    private static void copyTree(Path from, Path to, Path skipped) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                if (skipped != null && p.startsWith(skipped)) {
                    continue;
                }
                Path out = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(p, out, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not reset Keycloak's database at " + dir, e);
        }
    }
}
