package io.flopx.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A process the stack started, with its output in a log file, stopped with its whole process tree. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    /** How long a stop waits for a process to exit by itself before killing it, unless told otherwise. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private Duration stopGrace = STOP_GRACE;
    private Consumer<Boolean> afterExit = cleanly -> {};

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** How long a stop waits for the process to exit before killing it, and what runs once it is gone (told whether it exited by itself). */
    ChildProcess onStop(Duration grace, Consumer<Boolean> whenGone) {
        this.stopGrace = grace;
        this.afterExit = whenGone;
        return this;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Whether its stop may take longer than the usual few seconds (see onStop). */
    boolean stopsSlowly() {
        return stopGrace.compareTo(STOP_GRACE) > 0;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL to the process tree, waiting until it is gone: a crash, for fault tests. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        afterExit.accept(false);
    }

    /** SIGTERM to the process tree, without waiting: several children can stop at once. */
    void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** SIGTERM to the tree, then SIGKILL to whatever is left after the grace period. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        requestStop();
        boolean exited = false;
        try {
            exited = process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        afterExit.accept(exited);
    }

    /** The end of the log, for an error message that says why a start failed. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
