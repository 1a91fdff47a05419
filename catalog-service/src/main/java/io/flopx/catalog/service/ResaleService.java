package io.flopx.catalog.service;

import io.flopx.catalog.domain.Lease;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.OfferingStatus;
import io.flopx.catalog.domain.ResaleListing;
import io.flopx.catalog.domain.ResaleVolume;
import io.flopx.catalog.outbox.OfferingOutboxRelay;
import io.flopx.catalog.repository.ResaleLedger;
import io.flopx.catalog.wire.OfferingEvent;
import io.flopx.support.ApiProblem;
import io.flopx.support.Cursor;
import io.flopx.support.WholeHours;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Resale of lease hours not yet started (README, "Resale"). A resale listing is an offering of its own: its
 * seller is the lease's buyer, it names the lease it resells and the provider whose devices deliver it, and the
 * matcher sells it like any other offering. What keeps capacity from being sold twice: a listing is made with
 * its lease locked, and only if in each of its hours the lease's devices cover it and every other listing of
 * the lease (an active one its devices, a withdrawn one what it sold); the capacity ledger keeps each listing
 * from selling more than it lists, and a withdrawn listing from selling anything more.
 */
@ApplicationScoped
public class ResaleService {

    private final OfferingService offerings;
    private final ResaleLedger ledger;
    private final OfferingOutboxRelay relay;
    private final CatalogMetrics metrics;

    public ResaleService(
            OfferingService offerings, ResaleLedger ledger, OfferingOutboxRelay relay, CatalogMetrics metrics) {
        this.offerings = offerings;
        this.ledger = ledger;
        this.relay = relay;
        this.metrics = metrics;
    }

    public Uni<ResaleListing> resell(String tenant, NewResale r) {
        Instant now = Instant.now();
        if (r.availableFrom() != null) {
            WholeHours.require("availableFrom", r.availableFrom());
        }
        if (r.availableUntil() != null) {
            WholeHours.require("availableUntil", r.availableUntil());
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.find(Lease.class, r.leaseId(), LockModeType.PESSIMISTIC_WRITE))
                        .chain(lease -> {
                            if (lease == null || !tenant.equals(lease.buyerTenant)) {
                                throw ApiProblem.invalid("leaseId", "not one of your leases: " + r.leaseId());
                            }
                            Window w = window(lease, r, now);
                            if (r.devices() > lease.devices) {
                                throw ApiProblem.invalid("devices", "the lease holds " + lease.devices + " device(s)");
                            }
                            return ledger.mostCommitted(lease.id, w.from, w.until)
                                    .invoke(committed -> {
                                        if (committed + r.devices() > lease.devices) {
                                            throw ApiProblem.conflict(
                                                    "devices",
                                                    "only " + (lease.devices - committed) + " of the lease's "
                                                            + lease.devices + " device(s) are free to resell in every "
                                                            + "hour from " + w.from + " to " + w.until + " ("
                                                            + committed + " listed or sold before)",
                                                    Map.of("freeDevices", lease.devices - committed));
                                        }
                                    })
                                    .chain(() ->
                                            Panache.getSession().chain(s -> s.find(Offering.class, lease.offeringId)))
                                    .chain(parent -> {
                                        Offering o = listing(tenant, lease, parent, r, w, now);
                                        return offerings.listResale(o, now);
                                    });
                        }))
                .invoke(relay::wake)
                .invoke(metrics::listed)
                .map(o -> new ResaleListing(o, 0));
    }

    /** Hour-aligned bounds of a resale, checked against the lease and the clock. */
    private record Window(Instant from, Instant until) {}

    private static Window window(Lease lease, NewResale r, Instant now) {
        // The first hour that has not started: this one if it begins right now, else the next.
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant firstUnstarted = hour.equals(now) ? now : hour.plus(1, ChronoUnit.HOURS);
        if (r.availableFrom() == null && !firstUnstarted.isBefore(lease.endsAt)) {
            throw ApiProblem.conflict(
                    "leaseId",
                    "every hour of the lease has started: only hours not yet started can be resold",
                    Map.of());
        }
        Instant from = r.availableFrom() != null
                ? r.availableFrom()
                : (lease.startsAt.isAfter(firstUnstarted) ? lease.startsAt : firstUnstarted);
        Instant until = r.availableUntil() != null ? r.availableUntil() : lease.endsAt;
        if (from.isBefore(now)) {
            throw ApiProblem.invalid("availableFrom", "has started: only hours not yet started can be resold");
        }
        if (from.isBefore(lease.startsAt) || !from.isBefore(lease.endsAt)) {
            throw ApiProblem.invalid(
                    "availableFrom", "is not an hour of the lease (" + lease.startsAt + " to " + lease.endsAt + ")");
        }
        if (until.isAfter(lease.endsAt)) {
            throw ApiProblem.invalid("availableUntil", "is after the lease ends (" + lease.endsAt + ")");
        }
        if (!until.isAfter(from)) {
            throw ApiProblem.invalid("availableUntil", "must be after availableFrom " + from);
        }
        return new Window(from, until);
    }

    private static Offering listing(String tenant, Lease lease, Offering parent, NewResale r, Window w, Instant now) {
        Offering o = new Offering();
        o.id = UUID.randomUUID();
        o.tenant = tenant;
        o.resaleOf = lease.id;
        o.deliveredBy = parent.deliverer();
        o.modelId = parent.modelId;
        o.hubId = parent.hubId;
        o.siteId = parent.siteId;
        o.devices = r.devices();
        o.availableFrom = w.from;
        o.availableUntil = w.until;
        o.pricePerDeviceHour = r.pricePerDeviceHour();
        o.currency = lease.currency;
        o.minLeaseHours = 1;
        // The same devices, the same provider: the same commitment and delivery record as the lease's offering.
        o.availabilityBps = parent.availabilityBps;
        o.reliabilityBps = parent.reliabilityBps;
        o.status = OfferingStatus.ACTIVE;
        o.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        o.updatedAt = o.createdAt;
        return o;
    }

    /** A new ask for a resale listing of the caller's (nothing else of a resale listing changes). */
    public Uni<ResaleListing> reprice(String tenant, UUID id, long pricePerDeviceHour) {
        return own(tenant, id)
                .chain(() -> offerings.amend(tenant, id, new OfferingAmendment(pricePerDeviceHour, null, null)))
                .chain(this::withSold);
    }

    /**
     * Stops selling: what the listing has not sold returns to its reseller's lease (and may be listed again);
     * its leases stay. A fill the matcher made before it saw the withdrawal is refused by the capacity ledger.
     */
    public Uni<ResaleListing> withdraw(String tenant, UUID id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.find(Offering.class, id, LockModeType.PESSIMISTIC_WRITE))
                        .chain(o -> {
                            requireOwnResale(tenant, id, o);
                            if (o.status != OfferingStatus.ACTIVE) {
                                return Uni.createFrom().item(o);
                            }
                            o.status = OfferingStatus.WITHDRAWN;
                            o.updatedAt = now;
                            return Panache.getSession()
                                    .chain(s -> s.flush())
                                    .chain(() -> ledger.closeSlots(o.id))
                                    .chain(() -> offerings.record(OfferingEvent.WITHDRAWN, o, now))
                                    .replaceWith(o);
                        }))
                .invoke(relay::wake)
                .chain(this::withSold);
    }

    /** One resale listing of the caller's (operators: anyone's). */
    public Uni<ResaleListing> visible(Caller caller, UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.find(Offering.class, id)))
                .invoke(o -> {
                    if (o == null || o.resaleOf == null || !caller.mayRead(o.tenant)) {
                        throw ApiProblem.notFound("resale " + id);
                    }
                })
                .chain(this::withSold);
    }

    /** The caller's resale listings (operators: everyone's), newest first; of one lease when {@code lease} is given. */
    public Uni<List<ResaleListing>> visibleList(Caller caller, UUID lease, Cursor after, int limit) {
        return Panache.withSession(
                () -> ledger.listings(caller.operator() ? null : caller.tenant(), lease, after, limit));
    }

    /** The exchange's resale volume per currency (operators). */
    public Uni<List<ResaleVolume>> volume() {
        return Panache.withSession(ledger::volume);
    }

    private Uni<ResaleListing> withSold(Offering o) {
        return Panache.withSession(() -> ledger.withSold(o));
    }

    private Uni<Void> own(String tenant, UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.find(Offering.class, id)))
                .invoke(o -> requireOwnResale(tenant, id, o))
                .replaceWithVoid();
    }

    private static void requireOwnResale(String tenant, UUID id, Offering o) {
        if (o == null || o.resaleOf == null || !o.tenant.equals(tenant)) {
            throw ApiProblem.notFound("resale " + id);
        }
    }
}
