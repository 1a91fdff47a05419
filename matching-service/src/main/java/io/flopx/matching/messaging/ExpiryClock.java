package io.flopx.matching.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.matching.service.MarketService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Ticks the engine's clock: resting orders past their good-till time expire within a second. */
@ApplicationScoped
public class ExpiryClock {

    private final MarketService market;
    private final MarketEventPublisher publisher;

    public ExpiryClock(MarketService market, MarketEventPublisher publisher) {
        this.market = market;
        this.publisher = publisher;
    }

    @Scheduled(every = "${flopx.matching.expiry-tick:1s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return publisher.publish(market.expire(Instant.now()));
    }
}
