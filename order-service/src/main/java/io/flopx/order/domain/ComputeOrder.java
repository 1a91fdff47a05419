package io.flopx.order.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An enterprise's order: devices of a model (or any of several), or throughput at a precision, for some
 * hours, starting in an hour-aligned window, under a limit price, with constraints, a fill policy and a
 * time in force.
 */
@Entity
@Table(name = "compute_order")
public class ComputeOrder {

    @Id
    public UUID id;

    public String tenant;

    @Column(name = "client_reference")
    public String clientReference;

    @Enumerated(EnumType.STRING)
    public OrderKind kind;
    /** Any of these models; empty for a throughput order that takes any model running the precision. */
    @Convert(converter = IdListConverter.class)
    public List<String> models = new ArrayList<>();
    /** Quantity of a DEVICES order. */
    public Integer devices;
    /** Quantity of a THROUGHPUT order, in GFLOPS at {@link #precision}. */
    @Column(name = "throughput_gflops")
    public Long throughputGflops;

    @Enumerated(EnumType.STRING)
    public Precision precision;

    @Column(name = "duration_hours")
    public int durationHours;

    @Column(name = "earliest_start")
    public Instant earliestStart;

    @Column(name = "latest_start")
    public Instant latestStart;
    /** Minor units per device-hour (DEVICES) or per PFLOP-hour at the precision (THROUGHPUT). */
    @Column(name = "limit_price")
    public long limitPrice;

    public String currency;
    /** Empty means any hub. */
    @Column(name = "allowed_hubs")
    @Convert(converter = IdListConverter.class)
    public List<String> allowedHubs = new ArrayList<>();

    @Column(name = "max_pue_milli")
    public Integer maxPueMilli;

    @Column(name = "min_green_rating")
    public Integer minGreenRating;

    public String interconnect;

    /** Only offerings with a delivery record at least this good (basis points); null: any. */
    @Column(name = "min_reliability_bps")
    public Integer minReliabilityBps;

    @Column(name = "same_site")
    public boolean sameSite;

    @Enumerated(EnumType.STRING)
    @Column(name = "fill_policy")
    public FillPolicy fillPolicy;
    /** The smallest fill accepted, in the order's quantity unit (devices or GFLOPS). */
    @Column(name = "min_fill")
    public Long minFill;

    @Enumerated(EnumType.STRING)
    @Column(name = "time_in_force")
    public TimeInForce timeInForce;

    @Column(name = "good_till")
    public Instant goodTill;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    /** What this order holds of its tenant's buying power now: the worst case of its remaining quantity; 0 once terminal. */
    public long held;

    /**
     * The part of {@link #held} that compute vouchers back (see VoucherBacking); the rest is held in the
     * tenant's own money.
     */
    @Column(name = "voucher_held")
    public long voucherHeld;

    /** What the tenant's own money holds for this order: its hold less what vouchers back. */
    public long cashHeld() {
        return held - voucherHeld;
    }

    /**
     * A throughput order's allowance for whole devices: the market fills it in whole devices, so its last fill
     * can overshoot what it wants by up to one device's peak less one GFLOPS, at a price within its limit. Its
     * hold covers that too (the largest peak among the models it may get, less one); 0 for devices orders.
     */
    @Column(name = "hold_slack_gflops")
    public long holdSlackGflops;

    /** For an order refused for want of funds: how much more buying power it needed, in minor units. */
    public Long shortfall;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("startsAt")
    public List<Fill> fills = new ArrayList<>();

    /**
     * A throughput quantity in the order's unit: TFLOPS (at most three decimals) as whole GFLOPS, rounded up so
     * that an order never asks for less than it named.
     */
    public static long gflops(BigDecimal tflops) {
        return tflops.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The most {@code quantity} (in the order's unit) can cost at the order's limit: limit x devices x hours, or
     * for throughput limit x PFLOPS x hours (the limit is per PFLOP-hour), rounded up to a whole minor unit.
     */
    public long worstCase(long quantity) {
        BigInteger cost = BigInteger.valueOf(limitPrice)
                .multiply(BigInteger.valueOf(quantity))
                .multiply(BigInteger.valueOf(durationHours));
        if (kind == OrderKind.THROUGHPUT) {
            BigInteger[] pflops = cost.divideAndRemainder(GFLOPS_PER_PFLOPS);
            cost = pflops[1].signum() == 0 ? pflops[0] : pflops[0].add(BigInteger.ONE);
        }
        return cost.longValueExact();
    }

    /**
     * What the order should hold now: while open, the worst case of what it still wants (for throughput, with
     * its whole-device allowance); nothing once terminal or fully filled.
     */
    public long holdNeeded() {
        long remaining = remainingQuantity();
        if (status != null && status.isTerminal() || remaining == 0) {
            return 0;
        }
        return worstCase(remaining + holdSlackGflops);
    }

    private static final BigInteger GFLOPS_PER_PFLOPS = BigInteger.valueOf(1_000_000);

    /** The order's quantity in its own unit: devices, or GFLOPS at its precision. */
    public long quantity() {
        return kind == OrderKind.DEVICES ? devices : throughputGflops;
    }

    /** How much of the quantity the fills delivered, in the same unit. */
    public long filledQuantity() {
        return fills.stream().mapToLong(Fill::units).sum();
    }

    public long remainingQuantity() {
        return Math.max(0, quantity() - filledQuantity());
    }

    /**
     * Cancel-replace of the quantity (devices, or GFLOPS): never below what is already filled; exactly what
     * is filled completes the order (FILLED, nothing rests). Returns whether it completed it.
     */
    public boolean amendQuantity(long quantity, Instant at) {
        if (kind == OrderKind.DEVICES) {
            devices = Math.toIntExact(quantity);
        } else {
            throughputGflops = quantity;
        }
        if (minFill != null && minFill > quantity) {
            minFill = quantity;
        }
        if (!fills.isEmpty() && remainingQuantity() == 0) {
            moveTo(OrderStatus.FILLED, "amended to the quantity already filled", at);
            return true;
        }
        return false;
    }

    /**
     * Whether a fill arriving now lands beyond the order's quantity: the matcher made it before it saw an
     * amendment that lowered the quantity (the enterprise had not yet seen the fill). The fill stands (the
     * capacity is leased); the quantity becomes what was filled, so an order never holds more than it ordered.
     */
    public boolean overfilledBy(Fill fill) {
        long before = filledQuantity() - fill.units();
        return before >= quantity() || kind == OrderKind.DEVICES && filledQuantity() > quantity();
    }

    /** Raises the quantity to what was filled (see {@link #overfilledBy}). */
    public void takeFilledAsQuantity() {
        if (kind == OrderKind.DEVICES) {
            devices = Math.toIntExact(filledQuantity());
        } else {
            throughputGflops = filledQuantity();
        }
    }

    public void moveTo(OrderStatus next, String reason, Instant at) {
        status = next;
        statusReason = reason;
        updatedAt = at;
    }
}
