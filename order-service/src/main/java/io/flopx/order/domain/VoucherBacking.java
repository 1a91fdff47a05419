package io.flopx.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * How vouchers back one order's hold, in plain Java so that every path (placement, a batch of market events,
 * an amendment, a reversed fill) moves them by the same rules: holds take eligible vouchers before money,
 * soonest to expire first; a fill draws on its order's vouchers before money; what an order no longer needs
 * goes back to the vouchers that expire last, so that what stays held is what would lapse first.
 */
public final class VoucherBacking {

    /** One voucher's part of an order's hold, or what a voucher has left to hold. */
    public static final class Part {
        public final UUID voucherId;
        public final Instant expiresAt;
        public long amount;

        public Part(UUID voucherId, Instant expiresAt, long amount) {
            this.voucherId = voucherId;
            this.expiresAt = expiresAt;
            this.amount = amount;
        }
    }

    /** An amount moved to or from one voucher. */
    public record Moved(UUID voucherId, long amount) {}

    private static final Comparator<Part> SOONEST_FIRST =
            Comparator.comparing((Part p) -> p.expiresAt).thenComparing(p -> p.voucherId);

    private VoucherBacking() {}

    /**
     * Takes up to {@code wanted} from the parts, soonest to expire first, lowering each part by what it gave.
     * Returns what each part gave (only parts that gave something).
     */
    public static List<Moved> takeSoonestFirst(List<Part> parts, long wanted) {
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(SOONEST_FIRST);
        return take(sorted, wanted);
    }

    /** The same, latest to expire first: what an order gives back when it needs less. */
    public static List<Moved> takeLatestFirst(List<Part> parts, long wanted) {
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(SOONEST_FIRST.reversed());
        return take(sorted, wanted);
    }

    private static List<Moved> take(List<Part> ordered, long wanted) {
        if (wanted < 0) {
            throw new IllegalArgumentException("cannot take a negative amount: " + wanted);
        }
        List<Moved> moved = new ArrayList<>();
        long left = wanted;
        for (Part p : ordered) {
            if (left == 0) {
                break;
            }
            long x = Math.min(left, p.amount);
            if (x > 0) {
                p.amount -= x;
                left -= x;
                moved.add(new Moved(p.voucherId, x));
            }
        }
        return moved;
    }

    /**
     * A fill draws on its order's vouchers (the parts) before money, soonest to expire first, up to its cost.
     * Returns what it drew; the order's {@code voucherHeld} is left for {@link #rehold} to set.
     */
    public static long draw(ComputeOrder o, Fill fill, List<Part> parts, VoucherMoves moves) {
        List<Moved> drawn = takeSoonestFirst(parts, fill.cost);
        for (Moved m : drawn) {
            moves.drawn(o.id, fill.id, m.voucherId(), m.amount());
        }
        return total(drawn);
    }

    /**
     * Sets the order's hold to what it needs now ({@link ComputeOrder#holdNeeded}): its vouchers (the parts,
     * after any draws) keep backing as much of it as they can, and give back what is no longer needed, latest
     * to expire first. Returns how much more (less, when negative) the tenant's money holds for it.
     */
    public static long rehold(ComputeOrder o, List<Part> parts, VoucherMoves moves) {
        long needed = o.holdNeeded();
        long backed = total(parts);
        long keep = Math.min(backed, needed);
        for (Moved m : takeLatestFirst(parts, backed - keep)) {
            moves.held(o.id, m.voucherId(), -m.amount());
        }
        long cashBefore = o.cashHeld();
        o.held = needed;
        o.voucherHeld = keep;
        return o.cashHeld() - cashBefore;
    }

    public static long total(List<Part> parts) {
        return parts.stream().mapToLong(p -> p.amount).sum();
    }

    public static long total(Iterable<Moved> moved) {
        long sum = 0;
        for (Moved m : moved) {
            sum += m.amount();
        }
        return sum;
    }
}
