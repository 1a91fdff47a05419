package io.flopx.localstack.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU per phase and per order as the harness reports it, and that /proc is read for real. */
class CpuSamplerTest {

    @Test
    void aPhaseIsTheDifferenceAndPerOrderDividesByTheAcceptedOrders() {
        Map<String, CpuSampler.Usage> before = Map.of("order-service", new CpuSampler.Usage(10, 4));
        Map<String, CpuSampler.Usage> after =
                Map.of("order-service", new CpuSampler.Usage(13, 4.5), "kafka", new CpuSampler.Usage(2, 0));
        Map<String, CpuSampler.Usage> phase = CpuSampler.between(before, after);
        assertEquals(new CpuSampler.Usage(3, 0.5), phase.get("order-service"));
        assertEquals(new CpuSampler.Usage(2, 0), phase.get("kafka")); // started during the phase
        CpuSampler.Usage exchange = phase.values().stream().reduce(CpuSampler.Usage.NONE, CpuSampler.Usage::plus);
        assertEquals("2.5 ms (JIT 0.3)", exchange.perOrder(2000));
        assertEquals(
                "5000.0 ms (JIT 500.0)", exchange.perOrder(0)); // no order accepted: per one, not a division by zero
    }

    @Test
    void aRestartedProcessNeverCountsNegativeTime() {
        assertEquals(CpuSampler.Usage.NONE, new CpuSampler.Usage(1, 0.2).minus(new CpuSampler.Usage(9, 3)));
    }

    @Test
    void readsThisJvmFromProc() {
        long sum = 0;
        for (int i = 0; i < 50_000_000; i++) {
            sum += i % 7;
        }
        CpuSampler.Usage self = new CpuSampler(Map::of).now().get("load generator");
        assertTrue(sum > 0 && self.seconds() > 0, "CPU time of this JVM: " + self);
        assertTrue(self.jitSeconds() <= self.seconds(), "the JIT threads' share is part of the whole: " + self);
    }
}
