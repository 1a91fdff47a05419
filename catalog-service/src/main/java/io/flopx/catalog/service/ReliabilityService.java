package io.flopx.catalog.service;

import io.flopx.catalog.domain.Reliability;
import io.flopx.catalog.repository.ReliabilityStore;
import io.flopx.catalog.wire.DeliveryEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reliability scores per provider and per site (README, "Delivery and SLA credits"), from the leases'
 * delivery summaries settlement-service publishes on {@code delivery-events}.
 */
@ApplicationScoped
public class ReliabilityService {

    private final ReliabilityStore store;
    private final RatingsDue ratingsDue;

    public ReliabilityService(ReliabilityStore store, RatingsDue ratingsDue) {
        this.store = store;
        this.ratingsDue = ratingsDue;
    }

    /** Keeps the newest summary of each lease; offerings are re-rated in the next round. */
    public Uni<Void> summarised(List<DeliveryEvent> summaries) {
        return summaries.isEmpty()
                ? Uni.createFrom().voidItem()
                : store.record(summaries).invoke(ratingsDue::mark);
    }

    /** Providers' and sites' reliability, for a page of offerings. */
    public record ForOfferings(Map<String, Reliability> byProvider, Map<UUID, Reliability> bySite) {

        public Reliability provider(String tenant) {
            return byProvider.getOrDefault(tenant, Reliability.NO_HISTORY);
        }

        public Reliability site(UUID site) {
            return bySite.getOrDefault(site, Reliability.NO_HISTORY);
        }
    }

    public Uni<ForOfferings> of(Set<String> providers, Set<UUID> sites) {
        if (providers.isEmpty() && sites.isEmpty()) {
            return Uni.createFrom().item(new ForOfferings(Map.of(), Map.of()));
        }
        Instant now = Instant.now();
        return store.byProvider(providers, now)
                .chain(byProvider -> store.bySite(sites, now).map(bySite -> new ForOfferings(byProvider, bySite)));
    }

    /** A provider's reliability (site null), or one of its sites'. */
    public record Rated(String provider, UUID siteId, Reliability reliability) {}

    /** Every provider with history and its sites (operators), or one provider's own (providers). */
    public Uni<List<Rated>> table(Caller caller) {
        return store.all(Instant.now())
                .map(all -> all.stream()
                        .filter(r -> caller.operator() || r.provider().equals(caller.tenant()))
                        .map(r -> new Rated(r.provider(), r.siteId(), r.reliability()))
                        .toList());
    }
}
