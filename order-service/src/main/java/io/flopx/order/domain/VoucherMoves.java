package io.flopx.order.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one transaction changes about vouchers: orders' holds on them, their held and drawn totals, and
 * fills' draws. Kept in memory and written at once.
 */
public final class VoucherMoves {

    /** A fill's draw on one voucher. */
    public record Draw(UUID fillId, UUID voucherId, long amount) {}

    /** The change of one order's hold on one voucher. */
    public record HoldChange(UUID orderId, UUID voucherId, long delta) {}

    /** The change of one voucher's held and drawn totals. */
    public record VoucherChange(UUID voucherId, long held, long drawn) {}

    private final Map<List<UUID>, Long> holds = new LinkedHashMap<>();
    // By voucher id: the order its rows are written (and locked) in.
    private final Map<UUID, long[]> vouchers = new TreeMap<>();
    private final List<Draw> draws = new ArrayList<>();

    /** The order holds {@code delta} more (less, when negative) of the voucher. */
    public void held(UUID orderId, UUID voucherId, long delta) {
        holds.merge(List.of(orderId, voucherId), delta, Long::sum);
        vouchers.computeIfAbsent(voucherId, k -> new long[2])[0] += delta;
    }

    /** A fill of the order drew {@code amount} of what the order held of the voucher. */
    public void drawn(UUID orderId, UUID fillId, UUID voucherId, long amount) {
        held(orderId, voucherId, -amount);
        vouchers.get(voucherId)[1] += amount;
        draws.add(new Draw(fillId, voucherId, amount));
    }

    /** A reversed fill gave {@code amount} back to the voucher it drew it from. */
    public void returned(UUID voucherId, long amount) {
        vouchers.computeIfAbsent(voucherId, k -> new long[2])[1] -= amount;
    }

    public boolean isEmpty() {
        return holds.isEmpty() && vouchers.isEmpty();
    }

    public List<HoldChange> holdChanges() {
        List<HoldChange> all = new ArrayList<>(holds.size());
        holds.forEach((k, delta) -> all.add(new HoldChange(k.get(0), k.get(1), delta)));
        return all;
    }

    public List<VoucherChange> voucherChanges() {
        List<VoucherChange> all = new ArrayList<>(vouchers.size());
        vouchers.forEach((id, d) -> all.add(new VoucherChange(id, d[0], d[1])));
        return all;
    }

    public List<Draw> draws() {
        return draws;
    }
}
