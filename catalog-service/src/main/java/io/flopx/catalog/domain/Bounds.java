package io.flopx.catalog.domain;

/**
 * The domain bounds of the numbers the API takes (README, "Domain bounds"). Chosen so that every product the
 * exchange forms from them (devices × hours × price, price × 10^6, limit × peak) fits in a 64-bit integer
 * with room to spare: money and capacity never overflow.
 */
public final class Bounds {

    /** Minor currency units per device-hour: 1,000,000.00 in a currency with two decimals. */
    public static final long MAX_PRICE = 100_000_000L;
    /** Peak of one device at one precision: a million TFLOPS. */
    public static final long MAX_PEAK_GFLOPS = 1_000_000_000L;
    /** An availability window: a leap year of hour slots. */
    public static final long MAX_WINDOW_HOURS = 8_784;
    /** How far ahead capacity may be listed. */
    public static final long MAX_LEAD_DAYS = 730;
    /** The availability commitments an offering may declare (SLA tiers), basis points: 99.0, 99.5, 99.9 %. */
    public static final java.util.List<Integer> AVAILABILITY_TIERS_BPS = java.util.List.of(9900, 9950, 9990);

    private Bounds() {}
}
