package io.flopx.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.OfferingStatus;
import io.flopx.catalog.messaging.OfferingEvent;
import io.flopx.catalog.messaging.OfferingEventPublisher;
import io.flopx.catalog.repository.AcceleratorModelRepository;
import io.flopx.catalog.repository.HubRepository;
import io.flopx.catalog.repository.OfferingRepository;
import io.flopx.catalog.rest.CreateOfferingRequest;
import io.flopx.support.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OfferingService {

    private final OfferingRepository offerings;
    private final AcceleratorModelRepository models;
    private final HubRepository hubs;
    private final OfferingEventPublisher publisher;

    public OfferingService(OfferingRepository offerings, AcceleratorModelRepository models, HubRepository hubs,
            OfferingEventPublisher publisher) {
        this.offerings = offerings;
        this.models = models;
        this.hubs = hubs;
        this.publisher = publisher;
    }

    /**
     * Stores the offering, then publishes it to the matcher. The event leaves after the commit; a
     * transactional outbox (catalog issue) closes the window in which a crash could lose it.
     */
    public Uni<Offering> create(String tenant, CreateOfferingRequest request) {
        requireHourAligned("availableFrom", request.availableFrom());
        requireHourAligned("availableUntil", request.availableUntil());
        if (!request.availableUntil().isAfter(request.availableFrom())) {
            throw ApiProblem.invalid("availableUntil", "must be after availableFrom");
        }
        return Panache.withTransaction(() -> models.findById(request.model())
                .onItem().ifNull().failWith(() -> ApiProblem.invalid("model", "unknown accelerator model " + request.model()))
                .chain(model -> hubs.findById(request.hub()))
                .onItem().ifNull().failWith(() -> ApiProblem.invalid("hub", "unknown hub " + request.hub()))
                .chain(hub -> offerings.persist(newOffering(tenant, request))))
                .call(offering -> publisher.publish(OfferingEvent.listed(offering)));
    }

    /** The caller's own offering; another tenant's looks exactly like a missing one. */
    public Uni<Offering> ownOffering(String tenant, UUID id) {
        return Panache.withSession(() -> offerings.findById(id))
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("offering " + id))
                .invoke(o -> {
                    if (!o.tenant.equals(tenant)) {
                        throw ApiProblem.notFound("offering " + id);
                    }
                });
    }

    public Uni<List<Offering>> ownOfferings(String tenant, int limit) {
        return Panache.withSession(() -> offerings.listByTenant(tenant, limit));
    }

    private static Offering newOffering(String tenant, CreateOfferingRequest request) {
        Offering o = new Offering();
        o.id = UUID.randomUUID();
        o.tenant = tenant;
        o.modelId = request.model();
        o.hubId = request.hub();
        o.site = request.site();
        o.devices = request.devices();
        o.availableFrom = request.availableFrom();
        o.availableUntil = request.availableUntil();
        o.pricePerDeviceHour = request.pricePerDeviceHour();
        o.currency = request.currency();
        o.status = OfferingStatus.ACTIVE;
        o.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return o;
    }

    private static void requireHourAligned(String field, Instant t) {
        if (!t.truncatedTo(ChronoUnit.HOURS).equals(t)) {
            throw ApiProblem.invalid(field, "must be on a whole UTC hour, e.g. 2026-12-01T08:00:00Z");
        }
    }
}
