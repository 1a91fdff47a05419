package io.flopx.deploy.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time each part of the stack used, from /proc (user + system ticks of a process and its children
 * still running, such as PostgreSQL's backends): taken before and after a load phase, the difference says
 * which part the machine's cores went to.
 */
final class CpuSampler {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Supplier<Map<String, Long>> pids;

    CpuSampler(Supplier<Map<String, Long>> pids) {
        this.pids = pids;
    }

    /** CPU seconds used so far, per part. */
    Map<String, Double> now() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.get().forEach((name, pid) -> seconds.put(name, ticks(pid) / TICKS_PER_SECOND));
        // This JVM alone: the stack's processes are its children, counted above.
        seconds.put("load generator", own(ProcessHandle.current().pid()) / TICKS_PER_SECOND);
        return seconds;
    }

    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((k, v) -> used.put(k, Math.max(0, v - before.getOrDefault(k, 0.0))));
        return used;
    }

    private static long ticks(long pid) {
        long total = own(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            total += own(child.pid());
        }
        return total;
    }

    private static long own(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
