package io.flopx.settlement.messaging;

import io.flopx.settlement.service.DeliveryTerms;
import io.flopx.settlement.wire.OfferingEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Offerings' terms from {@code offering-events} (compacted, keyed by offering: the latest version wins), in
 * batches of what one poll returned: whose capacity a lease is (who delivers it: for a resale listing the
 * original provider), at which site, and what availability it committed to. Replays change nothing (an older version never overwrites a newer one).
 */
@ApplicationScoped
public class OfferingTermsConsumer {

    private final DeliveryTerms terms;

    public OfferingTermsConsumer(DeliveryTerms terms) {
        this.terms = terms;
    }

    @Incoming("offering-events")
    public Uni<Void> onOfferings(List<OfferingEvent> events) {
        List<DeliveryTerms.Terms> known = events.stream()
                .filter(e -> e.offeringId() != null && e.tenant() != null && e.hub() != null && e.siteId() != null)
                .map(e -> new DeliveryTerms.Terms(
                        e.offeringId(), e.version(), e.deliverer(), e.hub(), e.siteId(), e.availabilityBps()))
                .toList();
        return known.isEmpty() ? Uni.createFrom().voidItem() : Patiently.apply(() -> terms.learn(known));
    }
}
