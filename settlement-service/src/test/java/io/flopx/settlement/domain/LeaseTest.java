package io.flopx.settlement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The money of one lease, step by step, without a database: the rules the ledger then applies. */
class LeaseTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    /**
     * The slots passed by {@code now}, paid as for a lease nobody reported on (best effort: each hour counts as
     * delivered when it ends), through the same step payout rounds take.
     */
    static Optional<Lease.Move> payout(Lease l, Instant now) {
        List<SlotVerdict> verdicts = DeliveryVerdicts.judge(l, DeliveryRecord.none(null), now, Duration.ZERO);
        return l.settleTo(
                SlaCredits.of(l, verdicts, null, SlaCredits.Schedule.DEFAULT),
                DeliveryVerdicts.nextCheck(verdicts, Duration.ZERO),
                now);
    }

    private static Lease lease(long cost, int hours, int feeBps) {
        return lease(cost, hours, feeBps, 8);
    }

    /** A lease of {@code devices} for {@code hours} from 2026-12-01T08:00Z. */
    static Lease lease(long cost, int hours, int feeBps, int devices) {
        Lease l = Lease.traded(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "acme-ai",
                "west-gpu-cloud",
                "ningxia",
                "CNY",
                devices,
                START,
                START.plus(Duration.ofHours(hours)),
                cost,
                START.minusSeconds(60));
        return new Lease(
                l.fillId(),
                l.orderId(),
                l.offeringId(),
                l.buyer(),
                l.provider(),
                l.hub(),
                l.currency(),
                l.devices(),
                l.start(),
                l.end(),
                l.cost(),
                feeBps,
                0,
                0,
                0,
                0,
                0,
                0,
                l.nextPayoutAt(),
                l.state(),
                l.tradedAt(),
                null);
    }

    @Test
    void aTradeMovesTheCostFromTheBuyerToTheProvidersEscrow() {
        Lease l = lease(116_000, 10, 150);
        JournalEntry trade = l.tradeEntry();
        assertEquals(EntryKind.TRADE, trade.kind());
        Map<AccountRef, Long> moved = apply(new HashMap<>(), trade);
        assertEquals(-116_000, moved.get(AccountRef.available("acme-ai", "CNY")));
        assertEquals(116_000, moved.get(new AccountRef("west-gpu-cloud", "CNY", AccountKind.ESCROW)));
        // The same fill always makes the same entry: a redelivery finds it already posted.
        assertEquals(trade.id(), l.tradeEntry().id());
    }

    @Test
    void eachPassedSlotLeavesEscrowLessTheFeeAndTheLastEmptiesIt() {
        Lease l = lease(116_000, 10, 150);
        assertEquals(Optional.empty(), payout(l, START.plus(Duration.ofMinutes(59))));
        Lease.Move first = payout(l, START.plus(Duration.ofMinutes(61))).orElseThrow();
        // One slot of ten: 11,600 out of escrow; 1.5 % of it (174) to the exchange, 11,426 to the provider.
        assertEquals(11_600, first.entry().amount());
        assertEquals(1, first.lease().slotsPaid());
        assertEquals(11_426, first.lease().paidOut());
        assertEquals(174, first.lease().fees());
        assertEquals(LeaseState.PAYING_OUT, first.lease().state());
        assertEquals(START.plus(Duration.ofHours(2)), first.lease().nextPayoutAt());
        // Long after the end: the other nine slots at once, and nothing left in escrow.
        Lease.Move rest = payout(first.lease(), START.plus(Duration.ofDays(3))).orElseThrow();
        assertEquals(104_400, rest.entry().amount());
        assertEquals(0, rest.lease().escrow());
        assertEquals(LeaseState.PAID_OUT, rest.lease().state());
        assertEquals(null, rest.lease().nextPayoutAt());
        assertEquals(116_000 - 1_740, rest.lease().paidOut());
        assertEquals(Optional.empty(), payout(rest.lease(), START.plus(Duration.ofDays(4))));
    }

    @Test
    void aRefundGivesTheBuyerEverythingBackEvenAfterPayouts() {
        Lease l = lease(90_001, 3, 150);
        Lease.Move paid = payout(l, START.plus(Duration.ofHours(2))).orElseThrow();
        Map<AccountRef, Long> balances = apply(apply(new HashMap<>(), l.tradeEntry()), paid.entry());
        Lease.Move refund =
                paid.lease().refund("oversold", START.plus(Duration.ofHours(2))).orElseThrow();
        apply(balances, refund.entry());
        balances.values().forEach(v -> assertEquals(0L, v, balances.toString()));
        assertEquals(LeaseState.REFUNDED, refund.lease().state());
        assertEquals(90_001, refund.lease().refunded());
        assertEquals(Optional.empty(), refund.lease().refund("again", START));
        assertEquals(Optional.empty(), payout(refund.lease(), START.plus(Duration.ofDays(1))));
    }

    /**
     * Random leases, paid out at random moments, sometimes refunded: every entry balances (the constructor
     * refuses any other), escrow never goes negative, payouts plus fees never exceed the cost and reach it
     * exactly at the end, the fee is never more than its rate, and a refund leaves every account as it was.
     */
    @Test
    void randomLeasesAlwaysAddUp() {
        Random random = new Random(20261201);
        for (int run = 0; run < 5_000; run++) {
            int hours = 1 + random.nextInt(720);
            long cost = 1 + (long) (random.nextDouble() * 1e13);
            int bps = random.nextInt(5_001);
            Lease l = lease(cost, hours, bps);
            Map<AccountRef, Long> balances = apply(new HashMap<>(), l.tradeEntry());
            Instant now = START.minus(Duration.ofHours(1));
            boolean refunded = false;
            while (l.state() != LeaseState.PAID_OUT && l.state() != LeaseState.REFUNDED) {
                now = now.plus(Duration.ofMinutes(1 + random.nextInt(60 * 48)));
                if (random.nextInt(20) == 0) {
                    Lease.Move r = l.refund("refused", now).orElseThrow();
                    apply(balances, r.entry());
                    l = r.lease();
                    refunded = true;
                    break;
                }
                Optional<Lease.Move> m = payout(l, now);
                if (m.isPresent()) {
                    if (m.get().entry() != null) {
                        apply(balances, m.get().entry());
                    }
                    l = m.get().lease();
                }
                assertTrue(l.escrow() >= 0);
                assertEquals(l.released(), l.paidOut() + l.fees());
                assertTrue(l.fees() <= l.released() * bps / Lease.BPS);
                assertEquals(cost - l.released(), escrow(balances));
            }
            if (refunded) {
                Map<AccountRef, Long> b = balances;
                b.values().forEach(v -> assertEquals(0L, v, b.toString()));
            } else {
                assertEquals(cost, l.paidOut() + l.fees());
                assertEquals(0, escrow(balances));
                assertEquals(l.fees(), cost * bps / Lease.BPS, "the fee on the whole cost, rounded down once");
            }
        }
    }

    private static long escrow(Map<AccountRef, Long> balances) {
        return balances.getOrDefault(new AccountRef("west-gpu-cloud", "CNY", AccountKind.ESCROW), 0L);
    }

    private static Map<AccountRef, Long> apply(Map<AccountRef, Long> balances, JournalEntry e) {
        long sum = 0;
        for (Posting p : e.postings()) {
            balances.merge(p.account(), p.amount(), Long::sum);
            sum += p.amount();
        }
        assertEquals(0, sum);
        return balances;
    }
}
