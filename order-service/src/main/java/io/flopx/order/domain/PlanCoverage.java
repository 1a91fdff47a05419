package io.flopx.order.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a plan is covered as of a moment: over the hour slots within its reach, device-hours filled (at
 * most the plan's devices per hour) ÷ device-hours wanted at its current size; and its money: what fills cost,
 * the most its open orders may still cost ({@code held}), what is left of the budget.
 */
public record PlanCoverage(
        int hoursWanted,
        long deviceHoursWanted,
        long deviceHoursCovered,
        Integer coverageBps,
        long spent,
        long held,
        long budgetLeft,
        int ordersOpen,
        int ordersPlaced) {

    public static PlanCoverage of(ProcurementPlan plan, List<PlanOrder> placed, Instant now) {
        List<Instant> hours = plan.hoursWithinReach(now);
        Map<Instant, Long> filled = new HashMap<>();
        placed.forEach(o -> filled.merge(o.hour(), o.filled(), Long::sum));
        long wanted = (long) hours.size() * plan.devices();
        long covered = hours.stream()
                .mapToLong(h -> Math.min(plan.devices(), filled.getOrDefault(h, 0L)))
                .sum();
        long spent = placed.stream().mapToLong(PlanOrder::spent).sum();
        long held =
                placed.stream().mapToLong(o -> o.worstStill(plan.limitPrice())).sum();
        int open = (int) placed.stream().filter(o -> !o.status().isTerminal()).count();
        return new PlanCoverage(
                hours.size(),
                wanted,
                covered,
                wanted == 0 ? null : (int) (covered * 10_000 / wanted),
                spent,
                held,
                plan.budget() - spent - held,
                open,
                placed.size());
    }
}
