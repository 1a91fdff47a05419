package io.flopx.catalog.service;

import io.flopx.catalog.domain.GreenRating;
import io.flopx.catalog.domain.Site;
import io.flopx.catalog.repository.HubRepository;
import io.flopx.catalog.repository.SiteRepository;
import io.flopx.support.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class SiteService {

    private final SiteRepository sites;
    private final HubRepository hubs;

    public SiteService(SiteRepository sites, HubRepository hubs) {
        this.sites = sites;
        this.hubs = hubs;
    }

    public Uni<Site> create(String tenant, NewSite r) {
        return Panache.withTransaction(() -> hubs.findById(r.hub())
                .onItem()
                .ifNull()
                .failWith(() -> ApiProblem.invalid("hub", "unknown hub " + r.hub()))
                .chain(hub -> r.cluster() == null ? Uni.createFrom().item(true) : hubs.hasCluster(r.hub(), r.cluster()))
                .invoke(clusterOk -> {
                    if (!clusterOk) {
                        throw ApiProblem.invalid("cluster", "hub " + r.hub() + " has no cluster " + r.cluster());
                    }
                })
                .chain(() -> sites.find("tenant = ?1 and name = ?2", tenant, r.name())
                        .<Site>firstResult())
                .invoke(same -> {
                    if (same != null) {
                        // The existing site's id, so that a script can carry on with it (rerunnable set-ups).
                        throw ApiProblem.conflict(
                                "name", "you already have a site named " + r.name(), Map.of("existingId", same.id));
                    }
                })
                .chain(() -> sites.persist(newSite(tenant, r))));
    }

    /** The caller's own site; an operator may read any. Another tenant's looks exactly like a missing one. */
    public Uni<Site> visibleSite(Caller caller, UUID id) {
        return Panache.withSession(() -> sites.findById(id))
                .onItem()
                .ifNull()
                .failWith(() -> ApiProblem.notFound("site " + id))
                .invoke(s -> {
                    if (!caller.mayRead(s.tenant)) {
                        throw ApiProblem.notFound("site " + id);
                    }
                });
    }

    public Uni<List<Site>> visibleSites(Caller caller) {
        return Panache.withSession(() -> caller.operator() ? sites.listAll() : sites.listByTenant(caller.tenant()));
    }

    private static Site newSite(String tenant, NewSite r) {
        Site s = new Site();
        s.id = UUID.randomUUID();
        s.tenant = tenant;
        s.name = r.name();
        s.hubId = r.hub();
        s.clusterId = r.cluster();
        s.pueMilli = r.pue().movePointRight(3).intValueExact();
        s.greenRating = GreenRating.level(r.greenRating());
        s.backboneConnected = r.backboneConnected();
        s.interconnect = r.interconnect();
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return s;
    }
}
