package io.flopx.settlement.service;

import io.flopx.settlement.repository.DeliveryRecords;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** What settlement keeps of each offering for delivery: provider, hub, site and availability commitment. */
@ApplicationScoped
public class DeliveryTerms {

    /** One offering's terms at a version. */
    public record Terms(
            UUID offeringId, long version, String provider, String hub, UUID siteId, Integer availabilityBps) {}

    private final DeliveryRecords records;

    public DeliveryTerms(DeliveryRecords records) {
        this.records = records;
    }

    /** Keeps the newest version of each offering's terms. */
    public Uni<Void> learn(List<Terms> terms) {
        return records.offeringTerms(terms.stream()
                .map(t -> new DeliveryRecords.OfferingTerms(
                        t.offeringId(), t.version(), t.provider(), t.hub(), t.siteId(), t.availabilityBps()))
                .toList());
    }
}
