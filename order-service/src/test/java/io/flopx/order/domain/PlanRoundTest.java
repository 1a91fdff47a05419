package io.flopx.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a plan's round buys (no I/O): the gaps of the hours within reach, within the budget. */
class PlanRoundTest {

    static final Instant MADE = Instant.parse("2026-12-02T10:20:00Z");
    static final Instant H11 = Instant.parse("2026-12-02T11:00:00Z");

    static ProcurementPlan plan(int devices, int ahead, long budget) {
        return new ProcurementPlan(
                UUID.randomUUID(),
                "acme-ai",
                "cluster",
                List.of("H100-SXM5-80GB"),
                List.of(),
                devices,
                Instant.parse("2026-12-02T00:00:00Z"),
                Instant.parse("2026-12-03T00:00:00Z"),
                ahead,
                1_000,
                "CNY",
                null,
                budget,
                PlanStatus.ACTIVE,
                null,
                MADE,
                MADE);
    }

    static PlanOrder order(Instant hour, OrderStatus status, int devices, long filled) {
        return new PlanOrder(UUID.randomUUID(), hour, status, devices, filled, filled * 1_000, MADE);
    }

    @Test
    void aNewPlanBuysEveryHourWithinReachFromTheNextWholeHour() {
        PlanRound.Decision d = PlanRound.decide(plan(4, 3, 1_000_000), List.of(), MADE);
        assertEquals(
                List.of(
                        new PlanRound.Wanted(H11, 4, 0),
                        new PlanRound.Wanted(H11.plus(1, ChronoUnit.HOURS), 4, 0),
                        new PlanRound.Wanted(H11.plus(2, ChronoUnit.HOURS), 4, 0)),
                d.orders(),
                "10:20 + 3 h reaches 13:20: the slots of 11, 12 and 13 (10 has begun)");
        assertEquals(PlanStatus.ACTIVE, d.status());
    }

    @Test
    void openOrdersAndFillsCountAsInHandAndOnlyTheGapIsBoughtAgain() {
        List<PlanOrder> placed = List.of(
                order(H11, OrderStatus.RESTING, 4, 0),
                order(H11.plus(1, ChronoUnit.HOURS), OrderStatus.EXPIRED, 4, 1),
                order(H11.plus(2, ChronoUnit.HOURS), OrderStatus.FILLED, 4, 4));
        PlanRound.Decision d = PlanRound.decide(plan(4, 3, 1_000_000), placed, MADE.plus(Duration.ofMinutes(1)));
        assertEquals(List.of(new PlanRound.Wanted(H11.plus(1, ChronoUnit.HOURS), 3, 1)), d.orders());
        assertEquals(
                List.of(),
                PlanRound.decide(plan(4, 3, 1_000_000), placed, H11.plus(Duration.ofMinutes(5))).orders().stream()
                        .filter(w -> w.hour().equals(H11))
                        .toList(),
                "an hour that has started is not bought any more");
    }

    @Test
    void theBudgetCountsFillsAndWhatOpenOrdersMayStillCostAndIsNeverExceeded() {
        // 10 device-hours of budget at 1,000: 4 filled, 4 still open; 2 left for the third hour's 4.
        List<PlanOrder> placed = List.of(
                order(H11, OrderStatus.FILLED, 4, 4), order(H11.plus(1, ChronoUnit.HOURS), OrderStatus.RESTING, 4, 0));
        PlanRound.Decision d = PlanRound.decide(plan(4, 3, 10_000), placed, MADE);
        assertEquals(List.of(new PlanRound.Wanted(H11.plus(2, ChronoUnit.HOURS), 2, 0)), d.orders());
        assertEquals(PlanStatus.ACTIVE, d.status());

        List<PlanOrder> all = new ArrayList<>(placed);
        all.add(order(H11.plus(2, ChronoUnit.HOURS), OrderStatus.RESTING, 2, 0));
        PlanRound.Decision full = PlanRound.decide(plan(4, 3, 10_000), all, MADE);
        assertEquals(List.of(), full.orders());
        assertTrue(full.reason().startsWith("budget committed"), full.reason());

        // Fills alone leave less than a device-hour: the plan is done buying.
        List<PlanOrder> spent = List.of(order(H11, OrderStatus.FILLED, 10, 10));
        assertEquals(
                PlanStatus.BUDGET_SPENT,
                PlanRound.decide(plan(12, 3, 10_500), spent, MADE).status());
    }

    @Test
    void aRefusedOrderMakesThePlanWaitBeforeItAsksAgain() {
        List<PlanOrder> refused = List.of(new PlanOrder(UUID.randomUUID(), H11, OrderStatus.REJECTED, 4, 0, 0, MADE));
        assertEquals(
                List.of(),
                PlanRound.decide(plan(4, 3, 1_000_000), refused, MADE.plusSeconds(30))
                        .orders());
        PlanRound.Decision later = PlanRound.decide(
                plan(4, 3, 1_000_000),
                refused,
                MADE.plus(PlanRound.AFTER_A_REFUSAL).plusSeconds(1));
        assertEquals(new PlanRound.Wanted(H11, 4, 1), later.orders().get(0), "the second attempt for 11:00");
    }

    @Test
    void aPlanWhoseLastHourHasStartedEnds() {
        assertEquals(
                PlanStatus.ENDED,
                PlanRound.decide(plan(4, 3, 1_000_000), List.of(), Instant.parse("2026-12-02T23:10:00Z"))
                        .status());
    }
}
