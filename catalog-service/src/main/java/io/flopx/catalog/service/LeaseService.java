package io.flopx.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.catalog.domain.Lease;
import io.flopx.catalog.domain.LeaseConflict;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.outbox.OfferingOutboxRelay;
import io.flopx.catalog.repository.CapacityLedger;
import io.flopx.catalog.repository.LeaseBook;
import io.flopx.catalog.repository.LeaseRepository;
import io.flopx.catalog.wire.LeaseEvent;
import io.flopx.catalog.wire.MarketEvent;
import io.flopx.support.Cursor;
import io.flopx.support.outbox.OutboxStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

@ApplicationScoped
public class LeaseService {

    private static final Logger LOG = Logger.getLogger(LeaseService.class);

    private final LeaseRepository leases;
    private final CapacityLedger ledger;
    private final LeaseBook leaseBook;
    private final CatalogMetrics metrics;
    private final OfferingOutboxRelay relay;
    private final ObjectMapper json;

    public LeaseService(
            LeaseRepository leases,
            CapacityLedger ledger,
            LeaseBook leaseBook,
            CatalogMetrics metrics,
            OfferingOutboxRelay relay,
            ObjectMapper json) {
        this.leaseBook = leaseBook;
        this.leases = leases;
        this.ledger = ledger;
        this.metrics = metrics;
        this.relay = relay;
        this.json = json;
    }

    /**
     * Records a fill as a lease and books its hour slots, once: a redelivered fill (same id) changes
     * nothing. A fill that would oversell a slot is refused by the database, kept as a conflict and
     * published as refused, so that order-service reverses it.
     */
    public Uni<Void> recordFill(MarketEvent fill) {
        return Panache.withTransaction(() -> recordInSession(fill))
                .onFailure(LeaseService::isOversell)
                .recoverWithUni(e -> Panache.withTransaction(
                                () -> recordConflict(fill, "would lease more devices than listed in some hour slot"))
                        .invoke(metrics::conflict))
                .invoke(relay::wake);
    }

    /**
     * Fills at once, in one statement (see LeaseBook): one commit and one round trip per batch. If any of
     * them fails (an oversell the ledger refuses, an unknown offering) the whole batch rolls back and the
     * caller records them one by one with {@link #recordFill}, which keeps the refused one as a conflict.
     */
    public Uni<Void> recordFills(List<MarketEvent> fills) {
        Map<UUID, Lease> distinct = new LinkedHashMap<>();
        fills.forEach(f -> distinct.putIfAbsent(f.eventId(), toLease(f)));
        return leaseBook
                .record(List.copyOf(distinct.values()))
                .invoke(metrics::leasesRecorded)
                .replaceWithVoid();
    }

    private Uni<Void> recordInSession(MarketEvent fill) {
        return leases.findById(fill.eventId()).chain(existing -> {
            if (existing != null) {
                LOG.debugf("fill %s already recorded", fill.eventId());
                return Uni.createFrom().voidItem();
            }
            return Panache.getSession()
                    .chain(s -> s.find(Offering.class, fill.offeringId()))
                    .chain(offering -> {
                        if (offering == null) {
                            return recordConflict(fill, "no such offering").invoke(metrics::conflict);
                        }
                        Lease lease = toLease(fill);
                        lease.deliveredBy = offering.deliverer();
                        return leases.persist(lease)
                                .chain(() -> leases.flush())
                                .chain(() -> ledger.book(lease))
                                .replaceWithVoid()
                                .invoke(() -> metrics.leasesRecorded(1));
                    });
        });
    }

    /**
     * A page of the leases the caller may see: those it sold or delivers (a provider sees the leases of resale
     * listings its devices deliver) by start, or, for operators, everyone's newest first.
     */
    public Uni<List<Lease>> visibleLeases(Caller caller, Cursor after, int limit) {
        return Panache.withSession(() -> caller.operator()
                ? leases.listRecent(after, limit)
                : leases.listByProvider(caller.tenant(), after, limit));
    }

    /** Where a page of {@link #visibleLeases} ended, for the next one. */
    public static Cursor cursorAfter(Caller caller, Lease last) {
        return new Cursor(caller.operator() ? last.recordedAt : last.startsAt, last.id);
    }

    /** Revenue per offering: what the provider's leases on each offering are worth. */
    public Uni<List<RevenueRow>> revenueByOffering(String tenant) {
        return Panache.withSession(() -> Panache.getSession()
                        .chain(s -> s.createSelectionQuery("""
                select l.offeringId, l.currency, sum(l.cost), sum(l.devices), count(l)
                from Lease l where l.providerTenant = :tenant
                group by l.offeringId, l.currency order by l.offeringId""", Object[].class)
                                .setParameter("tenant", tenant)
                                .getResultList()))
                .map(rows -> rows.stream()
                        .map(r -> new RevenueRow(
                                (UUID) r[0],
                                null,
                                (String) r[1],
                                ((Number) r[2]).longValue(),
                                ((Number) r[4]).longValue()))
                        .toList());
    }

    /** Revenue per UTC day, accrued hour by hour over each lease (a lease across midnight counts on both days). */
    public Uni<List<RevenueRow>> revenueByDay(String tenant) {
        return Panache.withSession(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("""
                select cast(date_trunc('day', h at time zone 'UTC') as date), l.currency,
                       sum(l.devices * l.price_per_device_hour), count(distinct l.id)
                from lease l
                cross join lateral generate_series(l.starts_at, l.ends_at - interval '1 hour', interval '1 hour') h
                where l.provider_tenant = :tenant
                group by 1, 2 order by 1, 2""", Object[].class)
                                .setParameter("tenant", tenant)
                                .getResultList()))
                .map(rows -> rows.stream()
                        .map(r -> new RevenueRow(
                                null,
                                toDate(r[0]),
                                (String) r[1],
                                ((Number) r[2]).longValue(),
                                ((Number) r[3]).longValue()))
                        .toList());
    }

    /** One line of a revenue report: per offering or per day, in one currency. */
    public record RevenueRow(UUID offeringId, LocalDate day, String currency, long revenue, long leases) {}

    private Uni<Void> recordConflict(MarketEvent fill, String reason) {
        LOG.errorf(
                "fill %s on offering %s refused by the capacity ledger: %s", fill.eventId(), fill.offeringId(), reason);
        LeaseConflict c = new LeaseConflict();
        c.fillId = fill.eventId();
        c.offeringId = fill.offeringId();
        c.orderId = fill.orderId();
        c.devices = fill.devices();
        c.startsAt = fill.start();
        c.endsAt = fill.end();
        c.reason = reason;
        c.recordedAt = Instant.now();
        String refused;
        try {
            refused = json.writeValueAsString(LeaseEvent.refused(fill, reason, c.recordedAt));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession()
                .chain(s -> s.find(LeaseConflict.class, c.fillId)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().voidItem()
                                : s.persist(c)
                                        .chain(() -> OutboxStore.append(
                                                OfferingOutboxRelay.LEASE_EVENTS,
                                                fill.orderId().toString(),
                                                refused,
                                                c.recordedAt))));
    }

    static boolean isOversell(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(CapacityLedger.NOT_OVERSOLD)) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate toDate(Object o) {
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }

    private static Lease toLease(MarketEvent fill) {
        Lease lease = new Lease();
        lease.id = fill.eventId();
        lease.offeringId = fill.offeringId();
        lease.providerTenant = fill.providerTenant();
        lease.orderId = fill.orderId();
        lease.buyerTenant = fill.enterpriseTenant();
        lease.devices = fill.devices();
        lease.startsAt = fill.start();
        lease.endsAt = fill.end();
        lease.pricePerDeviceHour = fill.pricePerDeviceHour();
        lease.cost = fill.cost();
        lease.currency = fill.currency();
        lease.recordedAt = Instant.now();
        return lease;
    }
}
