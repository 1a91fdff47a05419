package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Lease;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Devices listed and leased per offering and hour slot. Writes go through PostgreSQL's check
 * constraint {@code capacity_slot_not_oversold}, which refuses any slot leased beyond its devices.
 */
@ApplicationScoped
public class CapacityLedger {

    public static final String NOT_OVERSOLD = "capacity_slot_not_oversold";

    /** Adds a lease's devices to every hour slot it covers; fails with the constraint if any slot would be oversold. */
    public Uni<Integer> book(Lease lease) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                insert into capacity_slot (offering_id, slot_hour, listed_devices, leased_devices)
                select o.id, h, o.devices, :devices
                from offering o
                cross join generate_series(cast(:start as timestamptz), cast(:end as timestamptz) - interval '1 hour',
                                           interval '1 hour') h
                where o.id = :offering
                on conflict (offering_id, slot_hour)
                do update set leased_devices = capacity_slot.leased_devices + excluded.leased_devices
                """)
                        .setParameter("offering", lease.offeringId)
                        .setParameter("devices", lease.devices)
                        .setParameter("start", lease.startsAt)
                        .setParameter("end", lease.endsAt)
                        .executeUpdate());
    }

    /** Records a new device count on every booked slot; fails with the constraint if it is below what is leased. */
    public Uni<Integer> relist(UUID offeringId, int devices) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "update capacity_slot set listed_devices = :devices where offering_id = :offering")
                        .setParameter("devices", devices)
                        .setParameter("offering", offeringId)
                        .executeUpdate());
    }

    /** The leases of an offering that use more than {@code devices} in some hour, or run past {@code until}. */
    public Uni<List<Lease>> leasesBlocking(UUID offeringId, int devices, Instant until) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                select distinct l.* from lease l
                where l.offering_id = :offering
                  and (l.ends_at > :until or exists (
                      select 1 from capacity_slot c
                      where c.offering_id = l.offering_id and c.leased_devices > :devices
                        and c.slot_hour >= l.starts_at and c.slot_hour < l.ends_at))
                order by l.starts_at
                """, Lease.class)
                        .setParameter("offering", offeringId)
                        .setParameter("devices", devices)
                        .setParameter("until", until)
                        .getResultList());
    }
}
