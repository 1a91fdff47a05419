package io.flopx.order.domain;

/**
 * The domain bounds of an order's numbers (README, "Domain bounds"). Chosen so that every product the
 * exchange forms from them (devices × hours × price, GFLOPS × hours × limit) fits in a 64-bit integer with
 * room to spare: money and capacity never overflow.
 */
public final class OrderBounds {

    /** A limit: minor units per device-hour or per PFLOP-hour (1,000,000.00 with two decimals). */
    public static final long MAX_PRICE = 100_000_000L;
    /** From the earliest to the latest start: a leap year of hours. */
    public static final long MAX_START_WINDOW_HOURS = 8_784;
    /** How far ahead an order may start. */
    public static final long MAX_LEAD_DAYS = 730;

    private OrderBounds() {}
}
