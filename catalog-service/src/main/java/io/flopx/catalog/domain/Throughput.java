package io.flopx.catalog.domain;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an offering delivers per precision: its effective TFLOPS (devices × the model's dense peak) and
 * its effective price per PFLOP-hour (the device-hour price over one device's PFLOPS), in integer minor
 * units rounded half up. Precisions the model does not run are left out, and so are figures a row stored
 * before today's bounds could not hold in 64 bits: a view of such a row shows less, it never fails.
 */
public final class Throughput {

    private static final long GFLOPS_PER_PFLOPS = 1_000_000;

    private Throughput() {}

    public static Map<Precision, BigDecimal> effectiveTflops(AcceleratorModel model, int devices) {
        Map<Precision, BigDecimal> out = new EnumMap<>(Precision.class);
        for (Precision p : Precision.values()) {
            Long peak = p.peakGflops(model);
            if (peak != null && peak > 0) {
                try {
                    out.put(p, tflops(Math.multiplyExact(peak, (long) devices)));
                } catch (ArithmeticException outOfBounds) {
                    // left out: see the class comment
                }
            }
        }
        return out;
    }

    /** GFLOPS as TFLOPS, written plainly: 544000 → 544, 15830400 → 15830.4. */
    static BigDecimal tflops(long gflops) {
        BigDecimal t = BigDecimal.valueOf(gflops, 3).stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }

    public static Map<Precision, Long> pricePerPflopHour(AcceleratorModel model, long pricePerDeviceHour) {
        Map<Precision, Long> out = new EnumMap<>(Precision.class);
        for (Precision p : Precision.values()) {
            Long peak = p.peakGflops(model);
            if (peak != null && peak > 0) {
                try {
                    out.put(p, pricePerPflopHour(pricePerDeviceHour, peak));
                } catch (ArithmeticException outOfBounds) {
                    // left out: see the class comment
                }
            }
        }
        return out;
    }

    /** price × 10^6 / peak, rounded half up, without floating point. */
    public static long pricePerPflopHour(long pricePerDeviceHour, long peakGflopsPerDevice) {
        return Math.addExact(Math.multiplyExact(pricePerDeviceHour, GFLOPS_PER_PFLOPS), peakGflopsPerDevice / 2)
                / peakGflopsPerDevice;
    }
}
