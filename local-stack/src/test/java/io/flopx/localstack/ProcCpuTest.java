package io.flopx.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void thisJvmsCpuGrowsAsItSpends() {
        ProcCpu self = ProcCpu.self();
        double before = self.seconds();
        // Busy until /proc shows a tenth of a second more (ticks are 10 ms), for at most 10 s of wall time.
        long deadline = System.nanoTime() + 10_000_000_000L;
        long spin = 0;
        while (self.seconds() - before < 0.1 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                spin += Long.numberOfTrailingZeros(spin + i);
            }
        }
        assertTrue(self.seconds() - before >= 0.1, "no CPU seen in 10 s of spinning (" + spin + ")");
    }

    @Test
    void aProcessThatEndedHasNoTicks() {
        assertEquals(0, ProcCpu.ticks(Path.of("/proc", "no-such-process", "stat")));
    }
}
