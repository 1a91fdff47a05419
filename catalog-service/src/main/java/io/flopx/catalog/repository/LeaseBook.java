package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Lease;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Records a batch of fills as leases and books their hour slots in one statement on the reactive
 * PostgreSQL client: the leases not yet recorded are inserted (a fill seen before is skipped by its id),
 * and their devices are added to every slot they cover, summed per slot. The capacity ledger's check
 * constraint ({@link CapacityLedger#NOT_OVERSOLD}) refuses the whole statement if any slot would be
 * oversold; so does a lease on an offering the catalog does not know (its foreign key). Either way the
 * caller records the fills one by one, which keeps the refused one as a conflict. Each lease records who
 * delivers it (its offering's provider, or the original provider of a resale listing).
 */
@ApplicationScoped
public class LeaseBook {

    private static final String RECORD = """
            with incoming as (
                select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::int[], $6::timestamptz[],
                    $7::timestamptz[], $8::bigint[], $9::bigint[], $10::text[], $11::timestamptz[], $12::text[])
                    as t(id, offering_id, provider_tenant, order_id, devices, starts_at, ends_at, price_per_device_hour,
                         cost, currency, recorded_at, buyer_tenant)),
            recorded as (
                insert into lease (id, offering_id, provider_tenant, order_id, devices, starts_at, ends_at,
                    price_per_device_hour, cost, currency, recorded_at, buyer_tenant, delivered_by)
                select i.*, (select coalesce(o.delivered_by, o.tenant) from offering o where o.id = i.offering_id)
                from incoming i on conflict (id) do nothing
                returning offering_id, devices, starts_at, ends_at),
            booked as (
                insert into capacity_slot (offering_id, slot_hour, listed_devices, leased_devices)
                select l.offering_id, h, o.devices, sum(l.devices)
                from recorded l
                join offering o on o.id = l.offering_id
                cross join lateral generate_series(l.starts_at, l.ends_at - interval '1 hour', interval '1 hour') h
                group by l.offering_id, h, o.devices
                on conflict (offering_id, slot_hour)
                do update set leased_devices = capacity_slot.leased_devices + excluded.leased_devices
                returning 1)
            select (select count(*) from recorded) as leases""";

    private final Pool pool;

    public LeaseBook(Pool pool) {
        this.pool = pool;
    }

    /** Records the leases (distinct ids) at once; returns how many were new. */
    public Uni<Integer> record(List<Lease> leases) {
        if (leases.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Object[][] columns = new Object[12][];
        columns[0] = leases.stream().map(l -> l.id).toArray(UUID[]::new);
        columns[1] = leases.stream().map(l -> l.offeringId).toArray(UUID[]::new);
        columns[2] = leases.stream().map(l -> l.providerTenant).toArray(String[]::new);
        columns[3] = leases.stream().map(l -> l.orderId).toArray(UUID[]::new);
        columns[4] = leases.stream().map(l -> l.devices).toArray(Integer[]::new);
        columns[5] = leases.stream().map(l -> SqlTime.utc(l.startsAt)).toArray(OffsetDateTime[]::new);
        columns[6] = leases.stream().map(l -> SqlTime.utc(l.endsAt)).toArray(OffsetDateTime[]::new);
        columns[7] = leases.stream().map(l -> l.pricePerDeviceHour).toArray(Long[]::new);
        columns[8] = leases.stream().map(l -> l.cost).toArray(Long[]::new);
        columns[9] = leases.stream().map(l -> l.currency).toArray(String[]::new);
        columns[10] = leases.stream().map(l -> SqlTime.utc(l.recordedAt)).toArray(OffsetDateTime[]::new);
        columns[11] = leases.stream().map(l -> l.buyerTenant).toArray(String[]::new);
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(columns))
                .map(rows -> rows.iterator().next().getLong("leases").intValue());
    }
}
