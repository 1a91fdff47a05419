package io.flopx.order.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan's round should buy now (plain Java, no I/O): for each hour slot within reach that has not started,
 * the devices neither filled nor still asked for by an open order, as far as the budget allows. The budget
 * counts what fills cost and the worst case of what open orders may still cost, so a plan never commits more
 * than it.
 */
public final class PlanRound {

    /** After a placement was refused (buying power), the plan waits this long before it asks again. */
    public static final Duration AFTER_A_REFUSAL = Duration.ofMinutes(5);

    /** An order to place: {@code devices} for the hour slot, the {@code attempt}-th the plan makes for it. */
    public record Wanted(Instant hour, int devices, int attempt) {}

    /** The orders to place, and the status the plan should have (with why, when it changes). */
    public record Decision(List<Wanted> orders, PlanStatus status, String reason) {}

    private PlanRound() {}

    public static Decision decide(ProcurementPlan plan, List<PlanOrder> placed, Instant now) {
        if (plan.status() != PlanStatus.ACTIVE) {
            return new Decision(List.of(), plan.status(), plan.statusReason());
        }
        if (!now.isBefore(plan.endsAt().minus(Duration.ofHours(1)))) {
            return new Decision(List.of(), PlanStatus.ENDED, "its last hour has started");
        }
        PlanCoverage money = PlanCoverage.of(plan, placed, now);
        long committed = money.spent() + money.held();
        if (money.spent() + plan.limitPrice() > plan.budget()) {
            return new Decision(List.of(), PlanStatus.BUDGET_SPENT, "what its fills cost leaves no device-hour");
        }
        boolean refusedLately = placed.stream()
                .anyMatch(
                        o -> o.status() == OrderStatus.REJECTED && o.placedAt().isAfter(now.minus(AFTER_A_REFUSAL)));
        if (refusedLately) {
            return new Decision(List.of(), PlanStatus.ACTIVE, plan.statusReason());
        }
        Map<Instant, Long> inHand = new HashMap<>();
        Map<Instant, Integer> attempts = new HashMap<>();
        for (PlanOrder o : placed) {
            inHand.merge(o.hour(), o.inHand(), Long::sum);
            attempts.merge(o.hour(), 1, Integer::sum);
        }
        List<Wanted> orders = new ArrayList<>();
        String reason = null;
        for (Instant hour : plan.hoursToBuy(now)) {
            long gap = plan.devices() - inHand.getOrDefault(hour, 0L);
            if (gap <= 0) {
                continue;
            }
            long affordable = (plan.budget() - committed) / plan.limitPrice();
            long devices = Math.min(gap, affordable);
            if (devices <= 0) {
                reason = "budget committed: " + hour + " and later wait until open orders release their holds";
                break;
            }
            committed += devices * plan.limitPrice();
            orders.add(new Wanted(hour, (int) devices, attempts.getOrDefault(hour, 0)));
        }
        return new Decision(orders, PlanStatus.ACTIVE, reason);
    }
}
