package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Reliability;
import io.flopx.catalog.wire.DeliveryEvent;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Leases' delivery summaries (table lease_delivery) and the reliability they add up to, per provider and per
 * site, on the reactive PostgreSQL client.
 */
@ApplicationScoped
public class ReliabilityStore {

    private static final String SUMS = """
            count(*) as leases, coalesce(sum(judged_device_hours), 0) as judged,
            coalesce(sum(delivered_device_hours), 0) as delivered, coalesce(sum(outages), 0) as outages,
            coalesce(sum(outage_minutes), 0) as outage_minutes,
            count(*) filter (where disputes_upheld > 0) as disputed
            """;

    private final Pool pool;

    public ReliabilityStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Keeps each lease's newest summary, in one statement, with the site of its offering (a summary of a
     * lease on an offering this catalog does not know is skipped).
     */
    public Uni<Void> record(List<DeliveryEvent> summaries) {
        Map<UUID, DeliveryEvent> newest = new LinkedHashMap<>();
        summaries.forEach(e -> newest.merge(e.fillId(), e, (a, b) -> b.at().isBefore(a.at()) ? a : b));
        int n = newest.size();
        UUID[] leases = new UUID[n];
        UUID[] offerings = new UUID[n];
        String[] providers = new String[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Long[] judged = new Long[n];
        Long[] delivered = new Long[n];
        Integer[] outages = new Integer[n];
        Long[] outageMinutes = new Long[n];
        Integer[] disputes = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        int i = 0;
        for (DeliveryEvent e : newest.values()) {
            leases[i] = e.fillId();
            offerings[i] = e.offeringId();
            providers[i] = e.provider();
            ends[i] = SqlTime.utc(e.end());
            judged[i] = e.judgedDeviceHours();
            delivered[i] = e.deliveredDeviceHours();
            outages[i] = e.outages() == null ? 0 : e.outages();
            outageMinutes[i] = e.outageMinutes() == null ? 0 : e.outageMinutes();
            disputes[i] = e.disputesUpheld() == null ? 0 : e.disputesUpheld();
            at[i] = SqlTime.utc(e.at());
            i++;
        }
        return pool.preparedQuery("""
                        insert into lease_delivery (lease_id, offering_id, provider, site_id, lease_end,
                            judged_device_hours, delivered_device_hours, outages, outage_minutes, disputes_upheld,
                            summarised_at)
                        select u.lease_id, u.offering_id, u.provider, o.site_id, u.lease_end, u.judged, u.delivered,
                            u.outages, u.outage_minutes, u.disputes, u.at
                        from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::bigint[], $6::bigint[],
                            $7::int[], $8::bigint[], $9::int[], $10::timestamptz[])
                            as u(lease_id, offering_id, provider, lease_end, judged, delivered, outages,
                                outage_minutes, disputes, at)
                        join offering o on o.id = u.offering_id
                        on conflict (lease_id) do update set judged_device_hours = excluded.judged_device_hours,
                            delivered_device_hours = excluded.delivered_device_hours, outages = excluded.outages,
                            outage_minutes = excluded.outage_minutes, disputes_upheld = excluded.disputes_upheld,
                            summarised_at = excluded.summarised_at
                        where lease_delivery.summarised_at <= excluded.summarised_at""")
                .execute(Tuple.from(new Object[] {
                    leases, offerings, providers, ends, judged, delivered, outages, outageMinutes, disputes, at
                }))
                .replaceWithVoid();
    }

    /** The reliability of each of these providers (those without history are absent). */
    public Uni<Map<String, Reliability>> byProvider(Collection<String> providers, Instant now) {
        return grouped("provider", providers.toArray(String[]::new), r -> r.getString("provider"), now);
    }

    /** The reliability of each of these sites (those without history are absent). */
    public Uni<Map<UUID, Reliability>> bySite(Collection<UUID> sites, Instant now) {
        return grouped("site_id", sites.toArray(UUID[]::new), r -> r.getUUID("site_id"), now);
    }

    /** Sums per value of {@code column} (a constant of this class, never input) among {@code keys}. */
    private <K> Uni<Map<K, Reliability>> grouped(String column, Object[] keys, Function<Row, K> key, Instant now) {
        return pool.preparedQuery("select " + column + ", " + SUMS + " from lease_delivery where " + column
                        + " = any($1) and lease_end > $2 group by " + column)
                .execute(Tuple.of(keys, since(now)))
                .map(rows -> {
                    Map<K, Reliability> found = new HashMap<>();
                    rows.forEach(r -> found.put(key.apply(r), reliability(r)));
                    return found;
                });
    }

    /** Every provider with history, and its sites: the operators' table. */
    public Uni<List<Rated>> all(Instant now) {
        return pool.preparedQuery("select provider, site_id, " + SUMS + """
                         from lease_delivery where lease_end > $1
                        group by grouping sets ((provider), (provider, site_id)) order by provider, site_id nulls first""")
                .execute(Tuple.of(since(now)))
                .map(rows -> {
                    List<Rated> list = new java.util.ArrayList<>();
                    rows.forEach(
                            r -> list.add(new Rated(r.getString("provider"), r.getUUID("site_id"), reliability(r))));
                    return list;
                });
    }

    /** A live offering whose delivery record is not what it was last published with. */
    public record Rerating(UUID offeringId, Integer reliabilityBps) {}

    /**
     * Live offerings (active, window not over) whose site's score, or their provider's while the site has
     * none, differs from the one they carry; scores as {@link Reliability#scoreBps()} computes them (delivered
     * ÷ judged device-hours, rounded down, null without history: PostgreSQL's sum of bigints is a numeric, so
     * the sums are cast back to integers to divide as Java does).
     */
    public Uni<List<Rerating>> offeringsToRerate(Instant now) {
        return pool.preparedQuery("""
                        with site_score as (
                            select site_id, sum(delivered_device_hours)::bigint * 10000 / sum(judged_device_hours)::bigint as bps
                            from lease_delivery where lease_end > $1
                            group by site_id having sum(judged_device_hours) > 0),
                        provider_score as (
                            select provider, sum(delivered_device_hours)::bigint * 10000 / sum(judged_device_hours)::bigint as bps
                            from lease_delivery where lease_end > $1
                            group by provider having sum(judged_device_hours) > 0),
                        rated as (
                            select o.id, o.reliability_bps as was, coalesce(s.bps, p.bps)::int as bps
                            from offering o
                            left join site_score s on s.site_id = o.site_id
                            left join provider_score p on p.provider = coalesce(o.delivered_by, o.tenant)
                            where o.status = 'ACTIVE' and o.available_until > $2)
                        select id, bps from rated where was is distinct from bps order by id""")
                .execute(Tuple.of(since(now), SqlTime.utc(now)))
                .map(rows -> {
                    List<Rerating> changed = new java.util.ArrayList<>(rows.size());
                    rows.forEach(r -> changed.add(new Rerating(r.getUUID("id"), r.getInteger("bps"))));
                    return changed;
                });
    }

    /** A provider's (site null) or one of its sites' reliability. */
    public record Rated(String provider, UUID siteId, Reliability reliability) {}

    private static OffsetDateTime since(Instant now) {
        return SqlTime.utc(now.minus(Reliability.WINDOW_DAYS, ChronoUnit.DAYS));
    }

    private static Reliability reliability(Row r) {
        return new Reliability(
                r.getLong("leases"),
                r.getLong("judged"),
                r.getLong("delivered"),
                r.getLong("outages"),
                r.getLong("outage_minutes"),
                r.getLong("disputed"));
    }
}
