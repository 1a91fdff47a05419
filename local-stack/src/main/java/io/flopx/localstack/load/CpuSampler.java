package io.flopx.localstack.load;

import io.flopx.localstack.ProcCpu;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time each part of the stack used, from /proc (user + system ticks of a process and its children
 * still running, such as PostgreSQL's backends): taken before and after a load phase, the difference says
 * which part the machine's cores went to. Of that, the share of the JVM's JIT compiler threads ("C1/C2
 * CompilerThread", from /proc/PID/task): a young JVM spends a large part of its CPU compiling, and that is
 * warm-up, not what an order costs once the code is compiled. It is a lower bound: the JVM ends compiler
 * threads it no longer needs, and an ended thread's time no longer shows per thread.
 */
final class CpuSampler {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** CPU seconds used, and of them by JIT compiler threads. */
    record Usage(double seconds, double jitSeconds) {
        static final Usage NONE = new Usage(0, 0);

        Usage minus(Usage before) {
            return new Usage(Math.max(0, seconds - before.seconds), Math.max(0, jitSeconds - before.jitSeconds));
        }

        Usage plus(Usage other) {
            return new Usage(seconds + other.seconds, jitSeconds + other.jitSeconds);
        }

        /** "ms per order (JIT ms per order)" over {@code orders} orders. */
        String perOrder(long orders) {
            long n = Math.max(1, orders);
            return String.format(Locale.ROOT, "%.1f ms (JIT %.1f)", 1000 * seconds / n, 1000 * jitSeconds / n);
        }
    }

    private final Supplier<Map<String, Long>> pids;

    CpuSampler(Supplier<Map<String, Long>> pids) {
        this.pids = pids;
    }

    /** CPU used so far, per part. */
    Map<String, Usage> now() {
        Map<String, Usage> used = new LinkedHashMap<>();
        pids.get().forEach((name, pid) -> used.put(name, usage(pid, true)));
        // This JVM alone (ProcCpu.self): the stack's processes are its children, counted above.
        used.put("load generator", usage(ProcessHandle.current().pid(), false));
        return used;
    }

    static Map<String, Usage> between(Map<String, Usage> before, Map<String, Usage> after) {
        Map<String, Usage> used = new LinkedHashMap<>();
        after.forEach((k, v) -> used.put(k, v.minus(before.getOrDefault(k, Usage.NONE))));
        return used;
    }

    private static Usage usage(long pid, boolean withDescendants) {
        ProcCpu cpu = withDescendants ? ProcCpu.of(pid) : ProcCpu.self();
        return new Usage(cpu.seconds(), ProcCpu.jitSeconds(pid));
    }
}
