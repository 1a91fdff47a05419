package io.flopx.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tools the deploy tests take from Debian's packages (the machine's package registry), installed with
 * apt-get when missing: never a download from elsewhere.
 */
final class DebianPackages {

    private DebianPackages() {}

    /** Makes sure every program exists, installing the packages (then updating the lists once) if not. */
    static void ensure(List<Path> programs, String... packages) throws Exception {
        if (programs.stream().allMatch(Files::isExecutable)) {
            return;
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        install.addAll(List.of(packages));
        run(install);
        if (!programs.stream().allMatch(Files::isExecutable)) {
            run(List.of("apt-get", "update"));
            run(install);
        }
        assertTrue(
                programs.stream().allMatch(Files::isExecutable),
                "this test needs Debian's " + String.join(", ", packages) + " (apt-get install "
                        + String.join(" ", packages) + ")");
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null"));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        builder.start().waitFor();
    }
}
