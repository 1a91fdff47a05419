package io.flopx.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds (user + system, from /proc) a process and, if asked, its descendants have used so far: what the
 * load harness (load/CpuSampler) and the floor benchmark (floor/) read.
 */
public final class ProcCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final long pid;
    private final boolean withDescendants;

    private ProcCpu(long pid, boolean withDescendants) {
        this.pid = pid;
        this.withDescendants = withDescendants;
    }

    public static ProcCpu self() {
        return new ProcCpu(ProcessHandle.current().pid(), false);
    }

    public static ProcCpu of(long pid) {
        return new ProcCpu(pid, true);
    }

    public double seconds() {
        long ticks = ticks(pid);
        if (withDescendants) {
            List<ProcessHandle> children =
                    ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
            for (ProcessHandle child : children) {
                ticks += ticks(child.pid());
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds the JVM {@code pid}'s JIT compiler threads ("C1/C2 CompilerThread") have used: warm-up, not
     * what the work costs once compiled. A lower bound: the JVM ends compiler threads it no longer needs.
     */
    public static double jitSeconds(long pid) {
        long jit = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        jit += ticks(task.resolve("stat"));
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return jit / TICKS_PER_SECOND;
    }

    private static long ticks(long pid) {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    /** User + system ticks from a {@code stat} file of /proc (a process's or a thread's); 0 once it ended. */
    public static long ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended
        }
    }
}
