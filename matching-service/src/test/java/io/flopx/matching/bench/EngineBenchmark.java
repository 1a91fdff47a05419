package io.flopx.matching.bench;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.MatchingEngine;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The indexed engine with 10,000 offerings (10 models, 8 hubs, a week of hour slots, 8 to 64 devices,
 * prices 300 to 3,000): an order for one hub that finds nothing under its limit, rests and is cancelled
 * (two order operations), and an immediate-or-cancel order for any hub that fills one device-hour at a
 * random hour of the week (the cheapest capacity at popular hours runs out as the run goes on, so later
 * orders walk further up the book, as in a real market).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

    static final int OFFERINGS = 10_000;
    static final long H = 500_000;
    static final String[] MODELS = {"H100", "H200", "H20", "A100", "A800", "L40S", "MI300X", "910B", "MLU370", "GAUDI3"
    };
    static final String[] HUBS = {
        "jing-jin-ji",
        "yangtze-delta",
        "greater-bay",
        "chengdu-chongqing",
        "inner-mongolia",
        "guizhou",
        "gansu",
        "ningxia"
    };

    MatchingEngine engine;
    Random random;
    long orders;

    @Setup(Level.Trial)
    public void book() {
        engine = MatchingEngine.indexed();
        random = new Random(7);
        for (int i = 0; i < OFFERINGS; i++) {
            UUID id = new UUID(1, i);
            engine.addOffering(new OfferingSpec(
                    id,
                    "p" + (i % 50),
                    MODELS[i % MODELS.length],
                    HUBS[random.nextInt(HUBS.length)],
                    new UUID(2, i % 400),
                    1100 + random.nextInt(500),
                    1 + random.nextInt(5),
                    "INFINIBAND",
                    700,
                    Map.of("FP16", 989_400L),
                    8 + random.nextInt(57),
                    H,
                    H + 168,
                    300 + random.nextInt(2700),
                    "CNY",
                    null));
        }
    }

    @Benchmark
    public int restThenCancel() {
        UUID id = new UUID(3, orders++);
        OrderSpec order = OrderSpec.devices(
                id,
                "e",
                MODELS[(int) (orders % MODELS.length)],
                4,
                2,
                H,
                H + 24,
                100,
                "CNY",
                Set.of(HUBS[(int) (orders % HUBS.length)]));
        return engine.placeOrder(order).size() + engine.cancelOrder(id, "bench").size();
    }

    @Benchmark
    public EngineEvent fillOneDeviceHour() {
        return engine.placeOrder(iocOrder()).get(0);
    }

    /** The benchmark's own cost of making an order, to subtract from the others (time and allocation). */
    @Benchmark
    public OrderSpec orderOnly() {
        return iocOrder();
    }

    private OrderSpec iocOrder() {
        UUID id = new UUID(4, orders++);
        long start = H + random.nextInt(160);
        return new OrderSpec(
                id,
                "e",
                false,
                Set.of(MODELS[(int) (orders % MODELS.length)]),
                1,
                null,
                1,
                start,
                start,
                5000,
                "CNY",
                Set.of(),
                null,
                null,
                null,
                false,
                false,
                1,
                true,
                0,
                null);
    }
}
