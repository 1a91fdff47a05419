package io.flopx.catalog.service;

import io.flopx.catalog.repository.ReliabilityStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps each live offering's delivery record (what orders' {@code minReliability} is checked against) in step
 * with the reliability scores. A round runs every {@code flopx.reliability.rerate-every} when delivery
 * summaries arrived or an offering was listed since the last one (see RatingsDue), and at least hourly (old leases leave the 30-day window); it is one
 * query when nothing changed. Rounds, not every summary, so a busy provider's offerings get at most one new
 * version a round, not one per agent report.
 */
@ApplicationScoped
public class Rerating {

    private static final Logger LOG = Logger.getLogger(Rerating.class);
    private static final Duration AT_LEAST_EVERY = Duration.ofHours(1);

    private final ReliabilityStore store;
    private final OfferingService offerings;
    private final RatingsDue due;

    private volatile Instant lastRound = Instant.EPOCH;

    public Rerating(ReliabilityStore store, OfferingService offerings, RatingsDue due) {
        this.store = store;
        this.offerings = offerings;
        this.due = due;
    }

    @Scheduled(
            every = "${flopx.reliability.rerate-every:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> round() {
        Instant now = Instant.now();
        if (!due.take() && now.isBefore(lastRound.plus(AT_LEAST_EVERY))) {
            return Uni.createFrom().voidItem();
        }
        lastRound = now;
        return store.offeringsToRerate(now)
                .chain(offerings::rerate)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.debugf("re-rated %d offerings", n);
                    }
                })
                .onFailure()
                .invoke(e -> {
                    // An amendment won the race for one of the rows: nothing was written, the next round retries.
                    due.mark();
                    LOG.infof("re-rating offerings postponed to the next round: %s", e.toString());
                })
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
