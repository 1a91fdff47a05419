package io.flopx.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.order.domain.VoucherBacking.Moved;
import io.flopx.order.domain.VoucherBacking.Part;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which vouchers may back an order, and how holds, draws and releases move them (plain Java). */
class VoucherBackingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static ComputeOrder order(List<String> hubs, Integer minGreen, Integer maxPue, Instant goodTill) {
        ComputeOrder o = new ComputeOrder();
        o.tenant = "t";
        o.currency = "CNY";
        o.allowedHubs = new ArrayList<>(hubs);
        o.minGreenRating = minGreen;
        o.maxPueMilli = maxPue;
        o.goodTill = goodTill;
        o.createdAt = NOW;
        return o;
    }

    private static VoucherTerms voucher(List<String> hubs, Integer minGreen, Integer maxPue, Instant expires) {
        return new VoucherTerms(UUID.randomUUID(), "t", "CNY", 1_000, expires, hubs, minGreen, maxPue);
    }

    @Test
    void aVoucherBacksAnOrderOnlyWhenEveryFillItCanGetIsOneTheVoucherPaysFor() {
        Instant later = NOW.plus(30, ChronoUnit.DAYS);
        Instant tomorrow = NOW.plus(1, ChronoUnit.DAYS);
        VoucherTerms west = voucher(List.of("gansu", "ningxia"), 4, 1250, later);
        assertTrue(west.backs(order(List.of("gansu"), 4, 1200, tomorrow)));
        assertTrue(west.backs(order(List.of("gansu", "ningxia"), 5, 1250, tomorrow)));
        // A hub the voucher does not pay in, or no hub named (the order may fill anywhere).
        assertFalse(west.backs(order(List.of("gansu", "guizhou"), 4, 1200, tomorrow)));
        assertFalse(west.backs(order(List.of(), 4, 1200, tomorrow)));
        // A lower green rating, none asked, a higher PUE, none capped.
        assertFalse(west.backs(order(List.of("gansu"), 3, 1200, tomorrow)));
        assertFalse(west.backs(order(List.of("gansu"), null, 1200, tomorrow)));
        assertFalse(west.backs(order(List.of("gansu"), 4, 1300, tomorrow)));
        assertFalse(west.backs(order(List.of("gansu"), 4, null, tomorrow)));
        // The order could still trade when the voucher has expired.
        assertFalse(west.backs(order(List.of("gansu"), 4, 1200, later)));
        // An immediate-or-cancel order trades now.
        assertTrue(west.backs(order(List.of("gansu"), 4, 1200, null)));
        // A voucher with no conditions backs any order of its tenant and currency, and only those.
        VoucherTerms any = voucher(List.of(), null, null, later);
        assertTrue(any.backs(order(List.of(), null, null, tomorrow)));
        ComputeOrder other = order(List.of(), null, null, tomorrow);
        other.tenant = "u";
        assertFalse(any.backs(other));
        other.tenant = "t";
        other.currency = "USD";
        assertFalse(any.backs(other));
    }

    @Test
    void takingGoesSoonestToExpireFirstAndGivingBackLatestFirst() {
        Part a = new Part(UUID.randomUUID(), NOW.plus(1, ChronoUnit.DAYS), 300);
        Part b = new Part(UUID.randomUUID(), NOW.plus(2, ChronoUnit.DAYS), 500);
        Part c = new Part(UUID.randomUUID(), NOW.plus(3, ChronoUnit.DAYS), 200);
        List<Part> parts = List.of(c, a, b);
        assertEquals(
                List.of(new Moved(a.voucherId, 300), new Moved(b.voucherId, 100)),
                VoucherBacking.takeSoonestFirst(parts, 400));
        assertEquals(
                List.of(new Moved(c.voucherId, 200), new Moved(b.voucherId, 250)),
                VoucherBacking.takeLatestFirst(parts, 450));
        assertEquals(150, VoucherBacking.total(parts));
        // More than there is takes what there is.
        assertEquals(150, VoucherBacking.total(VoucherBacking.takeSoonestFirst(parts, 1_000)));
        assertEquals(0, VoucherBacking.total(parts));
    }

    /**
     * Random orders, fills and amendments: the vouchers never back more than the order holds nor go below
     * zero, what they gave is what the parts lost, and the money held plus the vouchers' part is the hold.
     */
    @Test
    void holdsDrawsAndReholdsKeepEveryFigureConsistent() {
        Random random = new Random(17);
        for (int run = 0; run < 2_000; run++) {
            ComputeOrder o = order(List.of("gansu"), null, null, NOW.plus(1, ChronoUnit.DAYS));
            o.id = UUID.randomUUID();
            o.kind = OrderKind.DEVICES;
            o.devices = 1 + random.nextInt(20);
            o.durationHours = 1 + random.nextInt(10);
            o.limitPrice = 1 + random.nextInt(3_000);
            o.status = OrderStatus.ACCEPTED;
            o.held = o.holdNeeded();
            List<Part> parts = new ArrayList<>();
            for (int v = 0; v < 1 + random.nextInt(3); v++) {
                parts.add(new Part(
                        UUID.randomUUID(),
                        NOW.plus(1 + random.nextInt(90), ChronoUnit.DAYS),
                        random.nextInt((int) o.held + 1)));
            }
            List<Moved> taken = VoucherBacking.takeSoonestFirst(new ArrayList<>(parts), o.held);
            List<Part> holds = new ArrayList<>();
            taken.forEach(m -> holds.add(new Part(m.voucherId(), expiry(parts, m.voucherId()), m.amount())));
            o.voucherHeld = VoucherBacking.total(taken);
            long money = o.cashHeld();
            long charged = 0;
            long drawn = 0;
            while (o.remainingQuantity() > 0 && !o.status.isTerminal()) {
                VoucherMoves moves = new VoucherMoves();
                if (random.nextInt(4) == 0) {
                    o.amendQuantity(Math.max(o.filledQuantity(), o.devices - random.nextInt(o.devices)), NOW);
                } else {
                    Fill f = new Fill();
                    f.id = UUID.randomUUID();
                    f.order = o;
                    f.devices = 1 + random.nextInt((int) o.remainingQuantity());
                    f.cost = (long) f.devices * o.durationHours * (1 + random.nextInt((int) o.limitPrice));
                    o.fills.add(f);
                    long d = VoucherBacking.draw(o, f, holds, moves);
                    drawn += d;
                    charged += f.cost - d;
                    assertTrue(d <= f.cost);
                }
                money += VoucherBacking.rehold(o, holds, moves);
                assertEquals(o.holdNeeded(), o.held);
                assertEquals(VoucherBacking.total(holds), o.voucherHeld);
                assertTrue(o.voucherHeld >= 0 && o.voucherHeld <= o.held);
                assertEquals(o.cashHeld(), money);
                if (o.remainingQuantity() == 0) {
                    o.status = OrderStatus.FILLED;
                    money += VoucherBacking.rehold(o, holds, moves);
                }
            }
            assertEquals(0, o.held);
            assertEquals(0, money);
            assertEquals(0, VoucherBacking.total(holds));
            long costs = o.fills.stream().mapToLong(f -> f.cost).sum();
            assertEquals(costs, charged + drawn);
            assertTrue(drawn <= VoucherBacking.total(taken));
        }
    }

    private static Instant expiry(List<Part> parts, UUID id) {
        return parts.stream().filter(p -> p.voucherId.equals(id)).findFirst().orElseThrow().expiresAt;
    }
}
