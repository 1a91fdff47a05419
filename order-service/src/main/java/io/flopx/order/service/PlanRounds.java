package io.flopx.order.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Runs every active procurement plan's round every {@code flopx.plans.every} (30 s): as hours come within a
 * plan's reach, its orders are placed; as they fill, expire or are refused, what is missing is bought again.
 * One query when no plan is active.
 */
@ApplicationScoped
public class PlanRounds {

    private final PlanService plans;

    public PlanRounds(PlanService plans) {
        this.plans = plans;
    }

    @Scheduled(
            every = "${flopx.plans.every:30s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> round() {
        return plans.roundOfActivePlans(Instant.now());
    }
}
