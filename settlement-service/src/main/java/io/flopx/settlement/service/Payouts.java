package io.flopx.settlement.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Escrow leaves for the providers' payables as hour slots pass: a round every {@code
 * flopx.settlement.payout-every}, as many batches as there are leases due (one query when none is).
 */
@ApplicationScoped
public class Payouts {

    private static final int BATCH = 500;

    private final TradeSettlement settlement;

    public Payouts(TradeSettlement settlement) {
        this.settlement = settlement;
    }

    @Scheduled(
            every = "${flopx.settlement.payout-every:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> payOut() {
        return round(Instant.now());
    }

    private Uni<Void> round(Instant now) {
        return settlement
                .payOutDue(now, BATCH)
                .chain(paid -> paid < BATCH ? Uni.createFrom().voidItem() : round(now));
    }
}
