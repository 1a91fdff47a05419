package io.flopx.catalog.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flopx.catalog.domain.Lease;
import io.flopx.catalog.messaging.MarketEvent;
import io.flopx.catalog.repository.LeaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LeaseService {

    private static final Logger LOG = Logger.getLogger(LeaseService.class);

    private final LeaseRepository leases;

    public LeaseService(LeaseRepository leases) {
        this.leases = leases;
    }

    /** Records a fill as a lease once: a redelivered fill (same event id) changes nothing. */
    public Uni<Void> recordFill(MarketEvent fill) {
        return Panache.withTransaction(() -> leases.findById(fill.eventId()).chain(existing -> {
            if (existing != null) {
                LOG.debugf("fill %s already recorded", fill.eventId());
                return Uni.createFrom().voidItem();
            }
            Lease lease = new Lease();
            lease.id = fill.eventId();
            lease.offeringId = fill.offeringId();
            lease.providerTenant = fill.providerTenant();
            lease.orderId = fill.orderId();
            lease.devices = fill.devices();
            lease.startsAt = fill.start();
            lease.endsAt = fill.end();
            lease.pricePerDeviceHour = fill.pricePerDeviceHour();
            lease.cost = fill.cost();
            lease.currency = fill.currency();
            lease.recordedAt = Instant.now();
            return leases.persist(lease).replaceWithVoid();
        }));
    }

    public Uni<List<Lease>> forProvider(String tenant, int limit) {
        return Panache.withSession(() -> leases.listByProvider(tenant, limit));
    }
}
