package io.flopx.matching.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EngineBenchmark} with JMH and prints its table (with the GC profiler's allocation per
 * operation). Not part of the normal build: {@code ./mvnw -pl matching-service verify -Pbenchmark}.
 * It asserts nothing about time.
 */
@Tag("benchmark")
class EngineBenchmarkRunner {

    @Test
    void run() throws Exception {
        new Runner(new OptionsBuilder()
                        .include(EngineBenchmark.class.getSimpleName())
                        .forks(1)
                        .warmupIterations(2)
                        .warmupTime(TimeValue.seconds(2))
                        .measurementIterations(3)
                        .measurementTime(TimeValue.seconds(3))
                        .addProfiler("gc")
                        .build())
                .run();
    }
}
