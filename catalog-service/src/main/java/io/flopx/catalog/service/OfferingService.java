package io.flopx.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Bounds;
import io.flopx.catalog.domain.Lease;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.OfferingStatus;
import io.flopx.catalog.domain.Site;
import io.flopx.catalog.outbox.OfferingOutboxRelay;
import io.flopx.catalog.repository.AcceleratorModelRepository;
import io.flopx.catalog.repository.CapacityLedger;
import io.flopx.catalog.repository.OfferingRepository;
import io.flopx.catalog.repository.ReliabilityStore;
import io.flopx.catalog.repository.SiteRepository;
import io.flopx.catalog.wire.OfferingEvent;
import io.flopx.support.ApiProblem;
import io.flopx.support.Cursor;
import io.flopx.support.WholeHours;
import io.flopx.support.outbox.OutboxStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;

/**
 * Lists, amends and withdraws offerings. Each change and its event are written in one transaction (the
 * event to the outbox), then the relay is woken to publish: a crash in between loses nothing.
 */
@ApplicationScoped
public class OfferingService {

    private final OfferingRepository offerings;
    private final SiteRepository sites;
    private final AcceleratorModelRepository models;
    private final CapacityLedger ledger;
    private final OfferingOutboxRelay relay;
    private final ObjectMapper json;

    private final CatalogMetrics metrics;
    private final RatingsDue ratingsDue;

    public OfferingService(
            OfferingRepository offerings,
            SiteRepository sites,
            AcceleratorModelRepository models,
            CapacityLedger ledger,
            OfferingOutboxRelay relay,
            ObjectMapper json,
            CatalogMetrics metrics,
            RatingsDue ratingsDue) {
        this.metrics = metrics;
        this.ratingsDue = ratingsDue;
        this.offerings = offerings;
        this.sites = sites;
        this.models = models;
        this.ledger = ledger;
        this.relay = relay;
        this.json = json;
    }

    public Uni<Offering> create(String tenant, NewOffering r) {
        Instant now = Instant.now();
        WholeHours.require("availableFrom", r.availableFrom());
        WholeHours.require("availableUntil", r.availableUntil());
        if (r.availableFrom().isBefore(now.truncatedTo(ChronoUnit.HOURS))) {
            throw ApiProblem.invalid("availableFrom", "must not be in the past");
        }
        if (!r.availableUntil().isAfter(r.availableFrom())) {
            throw ApiProblem.invalid("availableUntil", "must be after availableFrom");
        }
        if (r.availableFrom().isAfter(now.plus(Bounds.MAX_LEAD_DAYS, ChronoUnit.DAYS))) {
            throw ApiProblem.invalid("availableFrom", "must be within " + Bounds.MAX_LEAD_DAYS + " days from now");
        }
        if (Duration.between(r.availableFrom(), r.availableUntil()).toHours() > Bounds.MAX_WINDOW_HOURS) {
            throw ApiProblem.invalid(
                    "availableUntil", "a window is at most " + Bounds.MAX_WINDOW_HOURS + " hours long");
        }
        if (Duration.between(r.availableFrom(), r.availableUntil()).toHours() < r.minLeaseHoursOrDefault()) {
            throw ApiProblem.invalid("minLeaseHours", "is longer than the availability window");
        }
        if (r.availabilityBps() != null && !Bounds.AVAILABILITY_TIERS_BPS.contains(r.availabilityBps())) {
            throw ApiProblem.invalid(
                    "availabilityBps", "must be one of " + Bounds.AVAILABILITY_TIERS_BPS + " (99.0, 99.5 or 99.9 %)");
        }
        return Panache.withTransaction(() -> models.findById(r.model())
                        .onItem()
                        .ifNull()
                        .failWith(() -> ApiProblem.invalid("model", "unknown accelerator model " + r.model()))
                        .chain(model -> sites.findById(r.siteId())
                                .invoke(site -> {
                                    if (site == null || !site.tenant.equals(tenant)) {
                                        throw ApiProblem.invalid("siteId", "not one of your sites: " + r.siteId());
                                    }
                                })
                                .chain(site -> offerings
                                        .persist(newOffering(tenant, site, r, now))
                                        .call(o -> offerings.flush())
                                        .call(o -> record(OfferingEvent.LISTED, o, site, model, now)))))
                .invoke(relay::wake)
                .invoke(ratingsDue::mark) // it has no delivery record until a round rates it
                .invoke(metrics::listed);
    }

    public Uni<Offering> amend(String tenant, UUID id, OfferingAmendment r) {
        if (r.isEmpty()) {
            throw ApiProblem.badRequest("body", "name at least one of pricePerDeviceHour, devices, availableUntil");
        }
        if (r.availableUntil() != null) {
            WholeHours.require("availableUntil", r.availableUntil());
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> ownActive(tenant, id).chain(o -> {
                    int devices = r.devices() == null ? o.devices : r.devices();
                    Instant until = r.availableUntil() == null ? o.availableUntil : r.availableUntil();
                    if (!until.isAfter(o.availableFrom)) {
                        throw ApiProblem.invalid("availableUntil", "must be after availableFrom " + o.availableFrom);
                    }
                    if (Duration.between(o.availableFrom, until).toHours() > Bounds.MAX_WINDOW_HOURS) {
                        throw ApiProblem.invalid(
                                "availableUntil", "a window is at most " + Bounds.MAX_WINDOW_HOURS + " hours long");
                    }
                    Uni<Void> check = devices < o.devices || until.isBefore(o.availableUntil)
                            ? ledger.leasesBlocking(o.id, devices, until)
                                    .invoke(blocking -> refuseIfLeased(
                                            blocking,
                                            r.devices() != null ? "devices" : "availableUntil",
                                            "cannot shrink below what is leased"))
                                    .replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return check.chain(() -> {
                                o.devices = devices;
                                o.availableUntil = until;
                                if (r.pricePerDeviceHour() != null) {
                                    o.pricePerDeviceHour = r.pricePerDeviceHour();
                                }
                                o.updatedAt = now;
                                return ledger.relist(o.id, devices);
                            })
                            .chain(() -> offerings.flush())
                            .chain(() -> record(OfferingEvent.AMENDED, o, now))
                            .replaceWith(o);
                }))
                .onFailure(OfferingService::isDeadlock)
                .retry()
                .withBackOff(DEADLOCK_BACKOFF)
                .atMost(3)
                .onFailure(OfferingService::isConcurrentChange)
                .transform(OfferingService::concurrentChange)
                .invoke(relay::wake);
    }

    public Uni<Offering> withdraw(String tenant, UUID id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> own(tenant, id).chain(o -> {
                    if (o.status != OfferingStatus.ACTIVE) {
                        return Uni.createFrom().item(o);
                    }
                    return ledger.leasesBlocking(o.id, Integer.MAX_VALUE, now)
                            .invoke(blocking -> refuseIfLeased(
                                    blocking, null, "cannot withdraw an offering with leases still to run"))
                            .chain(() -> {
                                o.status = OfferingStatus.WITHDRAWN;
                                o.updatedAt = now;
                                return offerings.flush();
                            })
                            .chain(() -> record(OfferingEvent.WITHDRAWN, o, now))
                            .replaceWith(o);
                }))
                .onFailure(OfferingService::isDeadlock)
                .retry()
                .withBackOff(DEADLOCK_BACKOFF)
                .atMost(3)
                .onFailure(OfferingService::isConcurrentChange)
                .transform(OfferingService::concurrentChange)
                .invoke(relay::wake);
    }

    /**
     * Gives live offerings their new delivery records, each a new version published as OFFERING_AMENDED, all
     * in one transaction. One that stopped being live since the records were computed keeps its old one.
     */
    public Uni<Integer> rerate(List<ReliabilityStore.Rerating> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> rerateEach(changes, 0, 0, now)).invoke(n -> {
            if (n > 0) {
                relay.wake();
            }
        });
    }

    private Uni<Integer> rerateEach(List<ReliabilityStore.Rerating> changes, int i, int done, Instant now) {
        if (i == changes.size()) {
            return Uni.createFrom().item(done);
        }
        ReliabilityStore.Rerating change = changes.get(i);
        return offerings.findById(change.offeringId()).chain(o -> {
            if (o == null || o.status != OfferingStatus.ACTIVE || !o.availableUntil.isAfter(now)) {
                return rerateEach(changes, i + 1, done, now);
            }
            o.reliabilityBps = change.reliabilityBps();
            return offerings
                    .flush()
                    .chain(() -> record(OfferingEvent.AMENDED, o, now))
                    .chain(() -> rerateEach(changes, i + 1, done + 1, now));
        });
    }

    /** The offering if the caller may read it; another tenant's looks exactly like a missing one. */
    public Uni<Offering> visible(Caller caller, UUID id) {
        return Panache.withSession(() -> offerings.findById(id))
                .onItem()
                .ifNull()
                .failWith(() -> ApiProblem.notFound("offering " + id))
                .invoke(o -> {
                    if (!caller.mayRead(o.tenant)) {
                        throw ApiProblem.notFound("offering " + id);
                    }
                });
    }

    /** A page of the offerings the caller may see, newest first: its own, or (operators) all or one tenant's. */
    public Uni<List<Offering>> visibleList(Caller caller, String tenantFilter, Cursor after, int limit) {
        String tenant = caller.operator() ? tenantFilter : caller.tenant();
        return Panache.withSession(() -> offerings.listNewestFirst(tenant, after, limit));
    }

    private Uni<Offering> own(String tenant, UUID id) {
        return offerings
                .findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> ApiProblem.notFound("offering " + id))
                .invoke(o -> {
                    if (!o.tenant.equals(tenant)) {
                        throw ApiProblem.notFound("offering " + id);
                    }
                });
    }

    private Uni<Offering> ownActive(String tenant, UUID id) {
        return own(tenant, id).invoke(o -> {
            if (o.status != OfferingStatus.ACTIVE) {
                throw ApiProblem.conflict("status", "offering " + id + " is " + o.status, Map.of());
            }
        });
    }

    /** Lists a resale listing made by ResaleService (in its transaction): persisted, and its event in the outbox. */
    Uni<Offering> listResale(Offering o, Instant now) {
        return offerings.persist(o).call(x -> offerings.flush()).call(x -> record(OfferingEvent.LISTED, x, now));
    }

    Uni<Void> record(String type, Offering o, Instant now) {
        return sites.findById(o.siteId)
                .chain(site -> models.findById(o.modelId).chain(model -> record(type, o, site, model, now)));
    }

    private Uni<Void> record(String type, Offering o, Site site, AcceleratorModel model, Instant now) {
        OfferingEvent event = OfferingEvent.of(type, o, site, model, now);
        try {
            return OutboxStore.append(
                    OfferingOutboxRelay.OFFERING_EVENTS, o.id.toString(), json.writeValueAsString(event), now);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static void refuseIfLeased(List<Lease> blocking, String field, String why) {
        if (!blocking.isEmpty()) {
            throw ApiProblem.conflict(
                    field,
                    why + ": " + blocking.size() + " lease(s)",
                    Map.of(
                            "conflictingLeases",
                            blocking.stream().map(l -> l.id.toString()).toList()));
        }
    }

    /**
     * PostgreSQL broke a deadlock by aborting this transaction: an amendment re-books its hour slots while a
     * batch of fills books some of the same slots. Nothing was written; the change is simply tried again.
     */
    private static boolean isDeadlock(Throwable e) {
        return e instanceof org.hibernate.exception.LockAcquisitionException;
    }

    private static final java.time.Duration DEADLOCK_BACKOFF = java.time.Duration.ofMillis(20);

    /** Another request changed the same row first (Hibernate reports it either way, by version). */
    private static boolean isConcurrentChange(Throwable e) {
        return e instanceof StaleStateException || e instanceof jakarta.persistence.OptimisticLockException;
    }

    private static Throwable concurrentChange(Throwable e) {
        return ApiProblem.conflict(
                "version", "the offering was changed concurrently; read it again and retry", Map.of());
    }

    private static Offering newOffering(String tenant, Site site, NewOffering r, Instant now) {
        Offering o = new Offering();
        o.id = UUID.randomUUID();
        o.tenant = tenant;
        o.modelId = r.model();
        o.hubId = site.hubId;
        o.siteId = site.id;
        o.devices = r.devices();
        o.availableFrom = r.availableFrom();
        o.availableUntil = r.availableUntil();
        o.pricePerDeviceHour = r.pricePerDeviceHour();
        o.currency = r.currency();
        o.minLeaseHours = r.minLeaseHoursOrDefault();
        o.availabilityBps = r.availabilityBps();
        o.status = OfferingStatus.ACTIVE;
        o.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        o.updatedAt = o.createdAt;
        return o;
    }

    /** An offering with its site and model, as views show it. */
    public record Detailed(Offering offering, Site site, AcceleratorModel model) {}

    /** The offerings, in order, each with its site and model: two reads whatever the list's length. */
    public Uni<List<Detailed>> detailed(List<Offering> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> siteIds = list.stream().map(o -> o.siteId).distinct().toList();
        List<String> modelIds = list.stream().map(o -> o.modelId).distinct().toList();
        return Panache.withSession(() -> sites.list("id in ?1", siteIds)
                .chain(siteList -> models.list("id in ?1", modelIds).map(modelList -> {
                    Map<UUID, Site> siteById =
                            siteList.stream().collect(Collectors.toMap(x -> x.id, Function.identity()));
                    Map<String, AcceleratorModel> modelById =
                            modelList.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
                    return list.stream()
                            .map(o -> new Detailed(o, siteById.get(o.siteId), modelById.get(o.modelId)))
                            .toList();
                })));
    }
}
