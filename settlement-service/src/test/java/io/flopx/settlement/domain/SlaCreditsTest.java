package io.flopx.settlement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Delivery verdicts and the SLA credits they imply, as plain Java. */
class SlaCreditsTest {

    static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(15);

    /** 8 devices for 3 hours at 10,000 per device-hour; fee 150 bps. */
    static Lease lease() {
        return LeaseTest.lease(240_000, 3, 150, 8);
    }

    static Instant at(int hours, int minutes) {
        return START.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(minutes));
    }

    static DeliveryRecord record(
            Integer bps, Map<Instant, Integer> hours, List<Outage> outages, Set<Instant> disputes) {
        return new DeliveryRecord(bps, hours, outages, disputes);
    }

    static Outage outage(Instant from, Instant to, int devices) {
        return new Outage(UUID.randomUUID(), from, to, devices, "switch", to);
    }

    @Test
    void aReportedHourIsJudgedAtOnceAndAnOutageInItCountsWhicheverSaysLessWasDelivered() {
        DeliveryRecord r = record(9950, Map.of(START, 7), List.of(outage(at(0, 10), at(0, 40), 3)), Set.of());
        List<SlotVerdict> v = DeliveryVerdicts.judge(lease(), r, at(1, 1), GRACE);
        assertEquals(SlotVerdict.State.PARTIAL, v.get(0).state());
        assertEquals(3, v.get(0).undelivered());
        assertEquals(SlotVerdict.Basis.REPORTED, v.get(0).basis());
        assertEquals(SlotVerdict.State.PENDING, v.get(1).state());
    }

    @Test
    void anUnreportedHourWaitsForItsGracePeriodThenCountsUndeliveredUnderACommitmentAndDeliveredWithout() {
        Lease l = lease();
        DeliveryRecord committed = DeliveryRecord.none(9900);
        assertEquals(
                SlotVerdict.State.PENDING,
                DeliveryVerdicts.judge(l, committed, at(1, 14), GRACE).get(0).state());
        assertEquals(
                at(1, 15), DeliveryVerdicts.nextCheck(DeliveryVerdicts.judge(l, committed, at(1, 14), GRACE), GRACE));
        SlotVerdict late =
                DeliveryVerdicts.judge(l, committed, at(1, 15), GRACE).get(0);
        assertEquals(SlotVerdict.State.UNDELIVERED, late.state());
        assertEquals(SlotVerdict.Basis.NO_REPORT, late.basis());

        DeliveryRecord bestEffort = DeliveryRecord.none(null);
        Duration wait = DeliveryVerdicts.waitFor(bestEffort, GRACE);
        SlotVerdict delivered =
                DeliveryVerdicts.judge(l, bestEffort, at(1, 0), wait).get(0);
        assertEquals(SlotVerdict.State.DELIVERED, delivered.state());
        assertEquals(SlotVerdict.Basis.BEST_EFFORT, delivered.basis());
    }

    @Test
    void anAcceptedDisputeMakesTheHourUndeliveredWhateverWasReported() {
        DeliveryRecord r = record(null, Map.of(START, 8), List.of(), Set.of(START));
        SlotVerdict v = DeliveryVerdicts.judge(lease(), r, at(1, 0), GRACE).get(0);
        assertEquals(SlotVerdict.State.UNDELIVERED, v.state());
        assertEquals(SlotVerdict.Basis.DISPUTE, v.basis());
    }

    @Test
    void creditsAreTheTradePriceOfUndeliveredDeviceHoursPlusTheTiersMultiplierOnceTheCommitmentIsMissed() {
        Lease l = lease();
        // Hour 0 reported fully available, then an outage of 2 devices in it: 2 undelivered device-hours of 24,
        // far beyond the 0.5 % a 99.5 % commitment allows: credit 2 x 10,000, penalty twice that.
        DeliveryRecord r = record(9950, Map.of(START, 8), List.of(outage(at(0, 10), at(0, 40), 2)), Set.of());
        List<SlotVerdict> v = DeliveryVerdicts.judge(l, r, at(1, 1), GRACE);
        SlaCredits c = SlaCredits.of(l, v, 9950, SlaCredits.Schedule.DEFAULT);
        assertEquals(1, c.slots());
        assertEquals(40_000, c.penalty());
        assertEquals(60_000, c.credited());
        assertEquals(20_000, c.gross());
        // Best effort: the same outage earns its device-hours back, no penalty.
        SlaCredits plain = SlaCredits.of(l, v, null, SlaCredits.Schedule.DEFAULT);
        assertEquals(20_000, plain.credited());
        assertEquals(0, plain.penalty());
        assertEquals(60_000, plain.gross());
    }

    @Test
    void aPenaltyNeverTakesMoreThanTheProvidersShareOfTheReleasedHours() {
        Lease l = lease();
        // Nothing delivered in the first hour, nothing reported since: the whole lease back, never more.
        List<SlotVerdict> v = DeliveryVerdicts.judge(l, DeliveryRecord.none(9990), at(5, 0), GRACE);
        SlaCredits c = SlaCredits.of(l, v, 9990, SlaCredits.Schedule.DEFAULT);
        assertEquals(3, c.slots());
        assertEquals(240_000, c.credited());
        assertEquals(0, c.gross());
        assertEquals(0, c.penalty());
    }

    @Test
    void aCreditFoundAfterAnHourWasPaidTakesBackFromThePayableAndTheFee() {
        Lease l = lease();
        Lease paid = LeaseTest.payout(l, at(1, 0)).orElseThrow().lease();
        assertEquals(80_000, paid.released());
        assertEquals(1_200, paid.fees());
        DeliveryRecord r = record(null, Map.of(), List.of(), Set.of(START));
        List<SlotVerdict> v = DeliveryVerdicts.judge(paid, r, at(1, 5), Duration.ZERO);
        Lease.Move m = paid.settleTo(SlaCredits.of(paid, v, null, SlaCredits.Schedule.DEFAULT), null, at(1, 5))
                .orElseThrow();
        assertEquals(EntryKind.SLA_CREDITED, m.entry().kind());
        assertEquals(80_000, m.lease().credited());
        assertEquals(0, m.lease().paidOut());
        assertEquals(0, m.lease().fees());
        assertEquals(80_000, m.lease().released());
        Map<AccountKind, Long> byKind = new HashMap<>();
        m.entry().postings().forEach(p -> byKind.put(p.account().kind(), p.amount()));
        assertEquals(-78_800, byKind.get(AccountKind.PAYABLE));
        assertEquals(-1_200, byKind.get(AccountKind.FEES));
        assertEquals(80_000, byKind.get(AccountKind.AVAILABLE));
        assertTrue(!byKind.containsKey(AccountKind.ESCROW));
    }

    private static SlaCredits c(Lease l, List<SlotVerdict> v, Integer bps) {
        return SlaCredits.of(l, v, bps, SlaCredits.Schedule.DEFAULT);
    }

    /**
     * Random records, revealed over time in random order: every step balances, escrow never goes below zero
     * nor does the lease's net to the provider, credits never exceed the cost, and at the end escrow is empty.
     */
    @Test
    void overAnyHistoryOfRecordsTheMoneyAddsUpAndCreditsStayWithinTheCost() {
        Random random = new Random(20261202L);
        int credited = 0;
        int penalised = 0;
        int takenBack = 0;
        for (int run = 0; run < 2_000; run++) {
            int hours = 1 + random.nextInt(6);
            int devices = 1 + random.nextInt(9);
            long cost = 1 + random.nextInt(1_000_000);
            Integer bps =
                    random.nextInt(3) == 0 ? null : List.of(9900, 9950, 9990).get(random.nextInt(3));
            Lease l = LeaseTest.lease(cost, hours, random.nextInt(500), devices);
            Map<Instant, Integer> reported = new HashMap<>();
            List<Outage> outages = new ArrayList<>();
            Set<Instant> disputes = new HashSet<>();
            for (int minute = 0; minute <= (hours + 1) * 60; minute += 5 + random.nextInt(30)) {
                Instant now = at(0, minute);
                int slot = random.nextInt(hours);
                Instant slotStart = START.plus(Duration.ofHours(slot));
                switch (random.nextInt(4)) {
                    case 0 -> {
                        if (!now.isBefore(slotStart.plus(Duration.ofHours(1)))) {
                            reported.putIfAbsent(slotStart, random.nextInt(devices + 1));
                        }
                    }
                    case 1 ->
                        outages.add(outage(
                                slotStart,
                                slotStart.plusSeconds(60 + random.nextInt(7200)),
                                1 + random.nextInt(devices)));
                    case 2 -> {
                        if (random.nextInt(4) == 0) {
                            disputes.add(slotStart);
                        }
                    }
                    default -> {}
                }
                DeliveryRecord r = record(bps, reported, outages, disputes);
                Duration wait = DeliveryVerdicts.waitFor(r, GRACE);
                List<SlotVerdict> v = DeliveryVerdicts.judge(l, r, now, wait);
                SlaCredits c = SlaCredits.of(l, v, bps, SlaCredits.Schedule.DEFAULT);
                Optional<Lease.Move> m = l.settleTo(c, DeliveryVerdicts.nextCheck(v, wait), now);
                if (m.isPresent()) {
                    if (m.get().entry() != null) {
                        assertEquals(
                                0,
                                m.get().entry().postings().stream()
                                        .mapToLong(Posting::amount)
                                        .sum());
                        if (m.get().entry().postings().stream()
                                .anyMatch(p -> p.account().kind() == AccountKind.PAYABLE && p.amount() < 0)) {
                            takenBack++;
                        }
                    }
                    l = m.get().lease();
                }
                assertTrue(l.released() <= l.cost() && l.released() >= 0, l.toString());
                assertTrue(l.credited() <= l.cost() && l.credited() >= 0, l.toString());
                assertTrue(l.paidOut() >= 0 && l.fees() >= 0, l.toString());
                assertEquals(l.released(), l.paidOut() + l.fees() + l.credited(), l.toString());
            }
            // Long after the end, every hour is judged (an unreported one after its grace period).
            DeliveryRecord r = record(bps, reported, outages, disputes);
            Instant late = at(hours + 2, 0);
            Duration wait = DeliveryVerdicts.waitFor(r, GRACE);
            List<SlotVerdict> v = DeliveryVerdicts.judge(l, r, late, wait);
            Lease end = l.settleTo(SlaCredits.of(l, v, bps, SlaCredits.Schedule.DEFAULT), null, late)
                    .map(Lease.Move::lease)
                    .orElse(l);
            assertEquals(end.cost(), end.released(), "escrow empty at the end: " + end);
            assertEquals(LeaseState.PAID_OUT, end.state());
            credited += end.credited() > 0 ? 1 : 0;
            penalised += end.paidOut() + end.fees() + end.credited() == end.cost()
                            && end.credited() > 0
                            && bps != null
                            && c(end, v, bps).penalty() > 0
                    ? 1
                    : 0;
        }
        // The histories reached the paths that matter: credits, penalties, credits taken back after a payout.
        assertTrue(credited > 100, "credited " + credited);
        assertTrue(penalised > 100, "penalised " + penalised);
        assertTrue(takenBack > 10, "taken back " + takenBack);
    }
}
