package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.ResaleListing;
import io.flopx.catalog.domain.ResaleVolume;
import io.flopx.support.Cursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What resale listings hold of their leases, per hour slot (in the caller's session and transaction). */
@ApplicationScoped
public class ResaleLedger {

    /**
     * The most devices of a lease that its resale listings hold in any hour from {@code from} to {@code until}:
     * an active listing all its devices, a withdrawn one what it sold (its slots, closed at withdrawal).
     */
    public Uni<Integer> mostCommitted(UUID leaseId, Instant from, Instant until) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                select coalesce(max(held), 0) from (
                    select h, sum(case when o.status = 'ACTIVE' then o.devices else coalesce(c.listed_devices, 0) end) held
                    from offering o
                    cross join lateral generate_series(greatest(o.available_from, cast(:from as timestamptz)),
                        least(o.available_until, cast(:until as timestamptz)) - interval '1 hour', interval '1 hour') h
                    left join capacity_slot c on c.offering_id = o.id and c.slot_hour = h
                    where o.resale_of = :lease
                    group by h) per_hour""", Integer.class)
                        .setParameter("lease", leaseId)
                        .setParameter("from", from)
                        .setParameter("until", until)
                        .getSingleResult());
    }

    /**
     * Closes a withdrawn listing's hour slots from the current hour on (every slot a late fill could book): each
     * lists what it has leased, so a late fill is refused by the ledger's check, whether it books before or after
     * this (the row lock orders them), and the rest counts as its reseller's again.
     */
    public Uni<Integer> closeSlots(UUID offeringId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                insert into capacity_slot (offering_id, slot_hour, listed_devices, leased_devices)
                select o.id, h, 0, 0
                from offering o
                cross join generate_series(greatest(o.available_from, date_trunc('hour', now())),
                                           o.available_until - interval '1 hour', interval '1 hour') h
                where o.id = :offering
                on conflict (offering_id, slot_hour) do update set listed_devices = capacity_slot.leased_devices""")
                        .setParameter("offering", offeringId)
                        .executeUpdate());
    }

    /** A listing with the device-hours it has sold. */
    public Uni<ResaleListing> withSold(Offering o) {
        return sold(List.of(o.id)).map(sold -> new ResaleListing(o, sold.getOrDefault(o.id, 0L)));
    }

    /** Resale listings, newest first: a tenant's (null: anyone's), of one lease (null: any). */
    public Uni<List<ResaleListing>> listings(String tenant, UUID lease, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("resaleOf is not null");
        Map<String, Object> params = new HashMap<>();
        if (tenant != null) {
            where.append(" and tenant = :tenant");
            params.put("tenant", tenant);
        }
        if (lease != null) {
            where.append(" and resaleOf = :lease");
            params.put("lease", lease);
        }
        if (after != null) {
            where.append(" and (createdAt < :afterAt or createdAt = :afterAt and id < :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        return Panache.getSession()
                .chain(s -> {
                    var q = s.createSelectionQuery(
                            "from Offering where " + where + " order by createdAt desc, id desc", Offering.class);
                    params.forEach(q::setParameter);
                    return q.setMaxResults(limit).getResultList();
                })
                .chain(list -> sold(list.stream().map(o -> o.id).toList())
                        .map(sold -> list.stream()
                                .map(o -> new ResaleListing(o, sold.getOrDefault(o.id, 0L)))
                                .toList()));
    }

    private static Uni<Map<UUID, Long>> sold(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select offering_id, sum(leased_devices) from capacity_slot where offering_id in (:ids)"
                                        + " group by offering_id",
                                Object[].class)
                        .setParameter("ids", ids)
                        .getResultList())
                .map(rows -> {
                    Map<UUID, Long> sold = new HashMap<>();
                    rows.forEach(r -> sold.put((UUID) r[0], ((Number) r[1]).longValue()));
                    return sold;
                });
    }

    /**
     * The exchange's resale, per currency: listings (and those still selling), the leases sold from them, their
     * device-hours and what buyers paid for them.
     */
    public Uni<List<ResaleVolume>> volume() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                select o.currency, count(distinct o.id),
                       count(distinct o.id) filter (where o.status = 'ACTIVE' and o.available_until > now()),
                       count(l.id), coalesce(sum(l.devices * extract(epoch from l.ends_at - l.starts_at) / 3600), 0),
                       coalesce(sum(l.cost), 0)
                from offering o left join lease l on l.offering_id = o.id
                where o.resale_of is not null
                group by o.currency order by o.currency""", Object[].class).getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new ResaleVolume(
                                ((String) r[0]).trim(),
                                ((Number) r[1]).longValue(),
                                ((Number) r[2]).longValue(),
                                ((Number) r[3]).longValue(),
                                ((Number) r[4]).longValue(),
                                ((Number) r[5]).longValue()))
                        .toList());
    }
}
