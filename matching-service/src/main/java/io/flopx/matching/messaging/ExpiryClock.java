package io.flopx.matching.messaging;

import io.flopx.matching.service.MarketService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The markets' clock: when a resting order's good-till time has passed, a tick goes into its hub's
 * command log (so a replay expires the same orders at the same point), and the market expires it from there.
 */
@ApplicationScoped
public class ExpiryClock {

    private final MarketService market;
    private final CommandSequencer sequencer;

    public ExpiryClock(MarketService market, CommandSequencer sequencer) {
        this.market = market;
        this.sequencer = sequencer;
    }

    @Scheduled(
            every = "${flopx.matching.expiry-tick:1s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        long now = Instant.now().getEpochSecond();
        return Multi.createFrom()
                .iterable(market.hubsWithExpiredOrders(now))
                .onItem()
                .transformToUniAndConcatenate(hub -> sequencer.tick(hub, now))
                .collect()
                .last()
                .replaceWithVoid();
    }
}
