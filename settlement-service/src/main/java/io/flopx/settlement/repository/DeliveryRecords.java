package io.flopx.settlement.repository;

import io.flopx.settlement.domain.DeliveryRecord;
import io.flopx.settlement.domain.Dispute;
import io.flopx.settlement.domain.LeaseStart;
import io.flopx.settlement.domain.Outage;
import io.flopx.settlement.wire.DeliveryRecordEvent;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Writes and reads the delivery records of leases. Every write runs with its lease locked and settles the
 * lease again in the same transaction (Deliveries#settle), so a record and the money it moves commit together.
 */
@ApplicationScoped
public class DeliveryRecords {

    private final Pool pool;
    private final Deliveries deliveries;

    public DeliveryRecords(Pool pool, Deliveries deliveries) {
        this.pool = pool;
        this.deliveries = deliveries;
    }

    /** What a write recorded: the record there now, and whether this write made it (else an earlier one did). */
    public record Written<T>(T record, boolean made) {}

    /**
     * In one transaction: the fill's lease locked, {@code validate} (which refuses by throwing) giving what to
     * write, the write, its event on delivery-events if it made the record, and the lease settled as its
     * records now say. Empty when there is no such lease.
     */
    private <R, T> Uni<Optional<Written<T>>> change(
            UUID fillId,
            Instant now,
            Function<Deliveries.Committed, R> validate,
            BiFunction<SqlConnection, R, Uni<Written<T>>> write,
            BiFunction<Deliveries.Committed, T, DeliveryRecordEvent> event) {
        return pool.withTransaction(c -> Deliveries.lock(c, fillId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Written<T>>empty());
            }
            R wanted = validate.apply(found.get());
            return write.apply(c, wanted)
                    .call(w -> w.made()
                            ? deliveries.announce(c, event.apply(found.get(), w.record()))
                            : Uni.createFrom().voidItem())
                    .call(() -> deliveries.settle(c, List.of(found.get()), now))
                    .map(Optional::of);
        }));
    }

    /** The lease started on these devices (recorded once). */
    public Uni<Optional<Written<LeaseStart>>> start(
            UUID fillId, Instant now, Function<Deliveries.Committed, LeaseStart> validate) {
        return change(
                fillId,
                now,
                validate,
                (c, s) -> start(c, fillId, s),
                (l, s) -> DeliveryRecordEvent.of(
                        DeliveryRecordEvent.LEASE_STARTED,
                        l.lease(),
                        l.deliveredBy(),
                        s.reportedBy(),
                        now,
                        DeliveryRecordEvent.Details.started(s.deviceIds())));
    }

    /** What an agent reports of one hour slot. */
    public record HourReport(Instant slot, int devicesAvailable, String reportedBy) {}

    /** An hour slot's availability (recorded once: the report there is, this one or an earlier). */
    public Uni<Optional<Written<HourReport>>> hour(
            UUID fillId, Instant now, Function<Deliveries.Committed, HourReport> validate) {
        return change(
                fillId,
                now,
                validate,
                (c, h) -> hour(c, fillId, h, now),
                (l, h) -> DeliveryRecordEvent.of(
                        DeliveryRecordEvent.HOUR_REPORTED,
                        l.lease(),
                        l.deliveredBy(),
                        h.reportedBy(),
                        now,
                        DeliveryRecordEvent.Details.hour(h.slot(), h.devicesAvailable())));
    }

    /** An outage (recorded once per start). */
    public Uni<Optional<Written<Outage>>> outage(
            UUID fillId, Instant now, String reportedBy, Function<Deliveries.Committed, Outage> validate) {
        return change(
                fillId,
                now,
                validate,
                (c, o) -> outage(c, fillId, o, reportedBy),
                (l, o) -> DeliveryRecordEvent.of(
                        DeliveryRecordEvent.OUTAGE_REPORTED,
                        l.lease(),
                        l.deliveredBy(),
                        reportedBy,
                        now,
                        DeliveryRecordEvent.Details.outage(o.start(), o.end(), o.devices(), o.cause())));
    }

    /** A buyer's dispute of an hour slot (one per slot). */
    public Uni<Optional<Written<Dispute>>> dispute(
            UUID fillId, Instant now, Function<Deliveries.Committed, Dispute> validate) {
        return change(
                fillId,
                now,
                validate,
                DeliveryRecords::openDispute,
                (l, d) -> DeliveryRecordEvent.of(
                        DeliveryRecordEvent.DISPUTE_OPENED,
                        l.lease(),
                        l.deliveredBy(),
                        d.openedBy(),
                        now,
                        DeliveryRecordEvent.Details.dispute(
                                d.id(), d.slotStart(), d.state().name(), d.reason())));
    }

    /** An operator's decision on an open dispute (made: it was open; else the dispute as decided before). */
    public Uni<Optional<Written<Dispute>>> decide(
            UUID fillId, UUID disputeId, boolean accept, String note, String by, Instant now) {
        return change(
                fillId,
                now,
                l -> disputeId,
                (c, id) -> decide(c, id, accept, note, by, now),
                (l, d) -> DeliveryRecordEvent.of(
                        DeliveryRecordEvent.DISPUTE_DECIDED,
                        l.lease(),
                        l.deliveredBy(),
                        by,
                        now,
                        DeliveryRecordEvent.Details.dispute(
                                d.id(), d.slotStart(), d.state().name(), d.note())));
    }

    /** Records the lease's start, once: the start already recorded if there is one. */
    private static Uni<Written<LeaseStart>> start(SqlConnection c, UUID fillId, LeaseStart start) {
        return c.preparedQuery("""
                        insert into delivery_start (fill_id, started_at, device_ids, reported_by, reported_at)
                        values ($1, $2, $3, $4, $5) on conflict (fill_id) do nothing""")
                .execute(Tuple.of(
                        fillId,
                        SqlTime.utc(start.startedAt()),
                        start.deviceIds().toArray(String[]::new),
                        start.reportedBy(),
                        SqlTime.utc(start.reportedAt())))
                .chain(made -> startOf(c, fillId).map(s -> new Written<>(s.orElseThrow(), made.rowCount() == 1)));
    }

    private static Uni<Optional<LeaseStart>> startOf(SqlConnection c, UUID fillId) {
        return c.preparedQuery(
                        "select started_at, device_ids, reported_by, reported_at from delivery_start where fill_id = $1")
                .execute(Tuple.of(fillId))
                .map(rows -> {
                    for (Row r : rows) {
                        return Optional.of(new LeaseStart(
                                r.getOffsetDateTime("started_at").toInstant(),
                                Arrays.asList(r.getArrayOfStrings("device_ids")),
                                r.getString("reported_by"),
                                r.getOffsetDateTime("reported_at").toInstant()));
                    }
                    return Optional.empty();
                });
    }

    private static Uni<Written<HourReport>> hour(SqlConnection c, UUID fillId, HourReport h, Instant at) {
        return c.preparedQuery("""
                        insert into delivery_hour (fill_id, slot_start, devices_available, reported_by, reported_at)
                        values ($1, $2, $3, $4, $5) on conflict (fill_id, slot_start) do nothing""")
                .execute(Tuple.of(fillId, SqlTime.utc(h.slot()), h.devicesAvailable(), h.reportedBy(), SqlTime.utc(at)))
                .chain(made -> c.preparedQuery("""
                                select devices_available, reported_by from delivery_hour
                                where fill_id = $1 and slot_start = $2""")
                        .execute(Tuple.of(fillId, SqlTime.utc(h.slot())))
                        .map(rows -> {
                            Row r = rows.iterator().next();
                            return new Written<>(
                                    new HourReport(
                                            h.slot(), r.getInteger("devices_available"), r.getString("reported_by")),
                                    made.rowCount() == 1);
                        }));
    }

    private static Uni<Written<Outage>> outage(SqlConnection c, UUID fillId, Outage o, String by) {
        return c.preparedQuery("""
                        insert into delivery_outage (id, fill_id, starts_at, ends_at, devices, cause, reported_by,
                            reported_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (fill_id, starts_at) do nothing""")
                .execute(Tuple.from(new Object[] {
                    o.id(),
                    fillId,
                    SqlTime.utc(o.start()),
                    SqlTime.utc(o.end()),
                    o.devices(),
                    o.cause(),
                    by,
                    SqlTime.utc(o.reportedAt())
                }))
                .chain(made -> c.preparedQuery("""
                                select id, fill_id, starts_at, ends_at, devices, cause, reported_at
                                from delivery_outage where fill_id = $1 and starts_at = $2""")
                        .execute(Tuple.of(fillId, SqlTime.utc(o.start())))
                        .map(rows ->
                                new Written<>(Deliveries.outage(rows.iterator().next()), made.rowCount() == 1)));
    }

    private static Uni<Written<Dispute>> openDispute(SqlConnection c, Dispute d) {
        return c.preparedQuery("""
                        insert into delivery_dispute (id, fill_id, slot_start, reason, opened_by, opened_at, state)
                        values ($1, $2, $3, $4, $5, $6, 'OPEN') on conflict (fill_id, slot_start) do nothing""")
                .execute(Tuple.of(
                        d.id(),
                        d.fillId(),
                        SqlTime.utc(d.slotStart()),
                        d.reason(),
                        d.openedBy(),
                        SqlTime.utc(d.openedAt())))
                .chain(made -> c.preparedQuery("select * from delivery_dispute where fill_id = $1 and slot_start = $2")
                        .execute(Tuple.of(d.fillId(), SqlTime.utc(d.slotStart())))
                        .map(rows -> new Written<>(disputes(rows).get(0), made.rowCount() == 1)));
    }

    /** The lease a dispute is about, if there is such a dispute. */
    public Uni<Optional<UUID>> disputedFill(UUID disputeId) {
        return pool.preparedQuery("select fill_id from delivery_dispute where id = $1")
                .execute(Tuple.of(disputeId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("fill_id")));
    }

    private static Uni<Written<Dispute>> decide(
            SqlConnection c, UUID disputeId, boolean accept, String note, String by, Instant at) {
        return c.preparedQuery("""
                        update delivery_dispute set state = $2, note = $3, decided_by = $4, decided_at = $5
                        where id = $1 and state = 'OPEN'""")
                .execute(Tuple.of(disputeId, accept ? "ACCEPTED" : "REJECTED", note, by, SqlTime.utc(at)))
                .chain(made -> c.preparedQuery("select * from delivery_dispute where id = $1")
                        .execute(Tuple.of(disputeId))
                        .map(rows -> new Written<>(disputes(rows).get(0), made.rowCount() == 1)));
    }

    /** One offering's terms at a version, from offering-events. */
    public record OfferingTerms(
            UUID offeringId, long version, String provider, String hub, UUID siteId, Integer availabilityBps) {}

    /** Keeps the newest version of each offering's terms, in one statement. */
    public Uni<Void> offeringTerms(List<OfferingTerms> terms) {
        // One row per offering (its newest in the batch), or the upsert would touch a row twice.
        java.util.Map<UUID, OfferingTerms> newest = new java.util.LinkedHashMap<>();
        terms.forEach(t -> newest.merge(t.offeringId(), t, (a, b) -> b.version() >= a.version() ? b : a));
        int n = newest.size();
        UUID[] ids = new UUID[n];
        Long[] versions = new Long[n];
        String[] providers = new String[n];
        String[] hubs = new String[n];
        UUID[] sites = new UUID[n];
        Integer[] bps = new Integer[n];
        int i = 0;
        for (OfferingTerms t : newest.values()) {
            ids[i] = t.offeringId();
            versions[i] = t.version();
            providers[i] = t.provider();
            hubs[i] = t.hub();
            sites[i] = t.siteId();
            bps[i] = t.availabilityBps();
            i++;
        }
        return pool.preparedQuery("""
                        insert into offering_terms (offering_id, version, provider, hub, site_id, availability_bps)
                        select * from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::uuid[], $6::int[])
                        on conflict (offering_id) do update set version = excluded.version,
                            provider = excluded.provider, hub = excluded.hub, site_id = excluded.site_id,
                            availability_bps = excluded.availability_bps
                        where offering_terms.version < excluded.version""")
                .execute(Tuple.from(new Object[] {ids, versions, providers, hubs, sites, bps}))
                .replaceWithVoid();
    }

    /** Everything recorded about a lease's delivery. */
    public record Recorded(
            Deliveries.Committed lease, DeliveryRecord record, Optional<LeaseStart> start, List<Dispute> disputes) {}

    /** A lease's delivery records, read in one transaction; empty when there is no such lease. */
    public Uni<Optional<Recorded>> of(UUID fillId) {
        return pool.withTransaction(c -> c.preparedQuery("""
                                select s.*, t.availability_bps, coalesce(t.provider, s.provider) as delivered_by
                                from lease_settlement s left join offering_terms t on t.offering_id = s.offering_id
                                where s.fill_id = $1""")
                .execute(Tuple.of(fillId))
                .map(Deliveries::committed)
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Recorded>empty());
                    }
                    Deliveries.Committed lease = found.get(0);
                    return Deliveries.records(c, found)
                            .chain(records -> startOf(c, fillId)
                                    .chain(start -> c.preparedQuery(
                                                    "select * from delivery_dispute where fill_id = $1 order by slot_start")
                                            .execute(Tuple.of(fillId))
                                            .map(rows -> Optional.of(
                                                    new Recorded(lease, records.get(fillId), start, disputes(rows))))));
                }));
    }

    /**
     * A page of disputes, oldest first: in {@code state} (null: any), of leases {@code tenant} bought or
     * provided (null: anyone's).
     */
    public Uni<List<Dispute>> disputes(String state, String tenant, int limit) {
        return pool.preparedQuery("""
                        select d.* from delivery_dispute d join lease_settlement s on s.fill_id = d.fill_id
                        where ($1::text is null or d.state = $1)
                          and ($2::text is null or s.buyer = $2 or s.provider = $2)
                        order by d.opened_at, d.id limit $3""").execute(Tuple.of(state, tenant, limit)).map(DeliveryRecords::disputes);
    }

    static List<Dispute> disputes(RowSet<Row> rows) {
        List<Dispute> list = new ArrayList<>();
        for (Row r : rows) {
            OffsetDateTime decided = r.getOffsetDateTime("decided_at");
            list.add(new Dispute(
                    r.getUUID("id"),
                    r.getUUID("fill_id"),
                    r.getOffsetDateTime("slot_start").toInstant(),
                    r.getString("reason"),
                    r.getString("opened_by"),
                    r.getOffsetDateTime("opened_at").toInstant(),
                    Dispute.State.valueOf(r.getString("state")),
                    r.getString("decided_by"),
                    decided == null ? null : decided.toInstant(),
                    r.getString("note")));
        }
        return list;
    }
}
