package io.flopx.localstack.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The root of a minimal Linux image that runs Java, assembled from the build machine itself when no
 * container registry is reachable (as on FlopX's CI): a runtime cut from the build's JDK with jlink under
 * {@code /opt/java}, the shared libraries it links against (found with ldd) at their own paths, and the few
 * files in {@code /etc} a JVM reads. Where a registry is reachable, a published base image replaces it
 * ({@code -Dflopx.image.base}).
 */
final class JavaRuntimeRoot {

    /** What Quarkus services need: Java SE, Unsafe (Netty), JMX beans (Micrometer), DNS, JFR for operators. */
    static final String MODULES = "java.se,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.jfr,jdk.net";

    static final int USER_ID = 185;
    static final List<String> GUI_LIBRARIES =
            List.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so");

    private static final Pattern LDD_PATH = Pattern.compile("(/\\S+) \\(0x");

    private JavaRuntimeRoot() {}

    /** Builds the root under {@code dir} (replacing it) and returns {@code dir/opt/java} and {@code dir/sys}. */
    static void assemble(Path jdk, Path dir) throws IOException, InterruptedException {
        deleteTree(dir);
        Path java = dir.resolve("java/opt/java");
        Files.createDirectories(java.getParent());
        run(List.of(
                jdk.resolve("bin/jlink").toString(),
                "--add-modules",
                MODULES,
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--compress=zip-6",
                "--output",
                java.toString()));

        // Services run headless: the windowing and sound libraries would only drag X11 and ALSA into the image.
        for (String gui : GUI_LIBRARIES) {
            Files.deleteIfExists(java.resolve("lib").resolve(gui));
        }
        Path system = dir.resolve("system");
        for (String library : sharedLibraries(java)) {
            Path target = system.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            // The real file under the name the loader asks for: the image has no symlink farm to point into.
            Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path etc = Files.createDirectories(system.resolve("etc"));
        Files.writeString(
                etc.resolve("passwd"),
                "root:x:0:0:root:/root:/sbin/nologin\nflopx:x:" + USER_ID + ":0:FlopX:/deployments:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
        Files.createDirectories(system.resolve("tmp"));
    }

    /** Every library the runtime's executables and libraries link against, and the dynamic loader. */
    private static Set<String> sharedLibraries(Path java) throws IOException, InterruptedException {
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(java)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".so")
                            || p.getParent().endsWith("bin"))
                    .forEach(elves::add);
        }
        Set<String> libraries = new TreeSet<>();
        for (Path elf : elves) {
            Process ldd = new ProcessBuilder("ldd", elf.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ldd.getInputStream().readAllBytes());
            ldd.waitFor();
            Matcher m = LDD_PATH.matcher(out);
            while (m.find()) {
                String path = m.group(1);
                if (!path.startsWith(java.toString())) {
                    libraries.add(path);
                }
            }
        }
        if (libraries.stream().noneMatch(l -> l.contains("libc.so"))) {
            throw new IllegalStateException("ldd found no C library for " + java + ": is this a glibc Linux?");
        }
        return libraries;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
