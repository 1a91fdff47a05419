package io.flopx.localstack;

import java.io.PrintStream;

/** One line per step with how long it took, so a first start of tens of seconds never looks hung. */
final class Progress {

    private final PrintStream out;
    private final long startedAt = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        out.printf("[%5.1fs] %s%n", seconds(), what);
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }
}
