package io.flopx.matching.engine;

import java.util.Map;

/**
 * The bounds within which the engine's integer arithmetic is exact: the API refuses anything beyond them
 * (README, "Domain bounds"), and the market refuses it again, so that an offering or order from an older
 * version or another producer can never overflow a price comparison or a cost. Within them, every product
 * the engine forms (devices × hours × price ≤ 10^5 × 8,784 × 10^8, price × 10^6, limit × peak ≤ 10^17) fits
 * in a long.
 */
public final class Limits {

    public static final long MAX_PRICE = 100_000_000L;
    public static final long MAX_DEVICES = 100_000L;
    public static final long MAX_PEAK_GFLOPS = 1_000_000_000L;
    public static final long MAX_HOURS = 8_784L;
    /** A throughput order: 10^8 TFLOPS. */
    public static final long MAX_GFLOPS = 100_000_000_000L;

    private Limits() {}

    /** Why an offering is out of bounds, or null if it is within them. */
    public static String offeringOutOfBounds(OfferingSpec s) {
        if (s.pricePerDeviceHour() < 1 || s.pricePerDeviceHour() > MAX_PRICE) {
            return "price per device-hour out of bounds: " + s.pricePerDeviceHour();
        }
        if (s.devices() < 1 || s.devices() > MAX_DEVICES) {
            return "devices out of bounds: " + s.devices();
        }
        if (s.untilHour() - s.fromHour() < 1 || s.untilHour() - s.fromHour() > MAX_HOURS) {
            return "availability window out of bounds";
        }
        for (Map.Entry<String, Long> peak : s.peakGflops().entrySet()) {
            if (peak.getValue() != null && (peak.getValue() < 0 || peak.getValue() > MAX_PEAK_GFLOPS)) {
                return "peak " + peak.getKey() + " out of bounds: " + peak.getValue();
            }
        }
        return null;
    }

    /** Why an order is out of bounds, or null if it is within them. */
    public static String orderOutOfBounds(OrderSpec o) {
        if (o.limitPrice() < 1 || o.limitPrice() > MAX_PRICE) {
            return "limit out of bounds: " + o.limitPrice();
        }
        if (o.quantity() > (o.throughput() ? MAX_GFLOPS : MAX_DEVICES)) {
            return "quantity out of bounds: " + o.quantity();
        }
        if (o.durationHours() > MAX_HOURS || o.latestStartHour() - o.earliestStartHour() > MAX_HOURS) {
            return "duration or start window out of bounds";
        }
        return null;
    }
}
