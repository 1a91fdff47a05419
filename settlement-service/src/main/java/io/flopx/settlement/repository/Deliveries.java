package io.flopx.settlement.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.settlement.domain.DeliveryRecord;
import io.flopx.settlement.domain.DeliveryVerdicts;
import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.domain.Outage;
import io.flopx.settlement.domain.SlaCredits;
import io.flopx.settlement.domain.SlotVerdict;
import io.flopx.settlement.wire.DeliveryEvent;
import io.flopx.settlement.wire.DeliveryRecordEvent;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivery records of leases (tables delivery_*), the offerings' commitments (offering_terms), and the step
 * that settles leases as their records say: verdicts, SLA credits, payouts and a delivery-events summary, in
 * the caller's transaction.
 */
@ApplicationScoped
public class Deliveries {

    public static final String DELIVERY_EVENTS = "delivery-events";

    /** A lease with its offering's availability commitment (null: best effort, or not known yet). */
    /**
     * A lease with its offering's commitment and who delivers it: the seller, or for a lease of a resale listing
     * the provider of the lease resold (its agents report; the reseller is paid and pays the credits).
     */
    public record Committed(Lease lease, Integer availabilityBps, String deliveredBy) {}

    /** A lease's hour slots judged by its records at some moment, the credits that follows, and when to look again. */
    public record Assessment(List<SlotVerdict> verdicts, SlaCredits credits, Instant nextCheck) {}

    /** The buyer and currency SLA credits are paid back to. */
    private record Buyer(String tenant, String currency) {}

    private final Duration grace;
    private final SlaCredits.Schedule schedule;
    private final ObjectMapper json;

    public Deliveries(
            @ConfigProperty(name = "flopx.delivery.grace") Duration grace,
            @ConfigProperty(name = "flopx.delivery.multiplier.9900", defaultValue = "1") int tier9900,
            @ConfigProperty(name = "flopx.delivery.multiplier.9950", defaultValue = "2") int tier9950,
            @ConfigProperty(name = "flopx.delivery.multiplier.9990", defaultValue = "3") int tier9990,
            ObjectMapper json) {
        this.grace = grace;
        this.schedule = new SlaCredits.Schedule(Map.of(9900, tier9900, 9950, tier9950, 9990, tier9990));
        this.json = json;
    }

    public Duration grace() {
        return grace;
    }

    /**
     * Settles each lease as its delivery records say by {@code now} (locked by the caller): escrow released
     * for the slots judged, SLA credits to the buyer (also counted as paid back for pre-trade risk), when to
     * look again; a lease with a commitment or any record also gets a summary on delivery-events.
     */
    public Uni<Void> settle(SqlConnection c, List<Committed> leases, Instant now) {
        if (leases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return records(c, leases).chain(records -> {
            List<Lease.Move> moves = new ArrayList<>();
            List<Object[]> outbox = new ArrayList<>();
            Map<Buyer, Long> paidBack = new HashMap<>();
            for (Committed l : leases) {
                DeliveryRecord record = records.get(l.lease().fillId());
                Assessment a = assess(l, record, now);
                Optional<Lease.Move> move = l.lease().settleTo(a.credits(), a.nextCheck(), now);
                if (move.isEmpty()) {
                    continue;
                }
                Lease after = move.get().lease();
                moves.add(move.get());
                long back = after.credited() - l.lease().credited();
                if (back != 0) {
                    paidBack.merge(new Buyer(after.buyer(), after.currency()), back, Long::sum);
                }
                if (record.committed() || !record.isEmpty()) {
                    outbox.add(summary(after, l.deliveredBy(), l.availabilityBps(), a, record, now));
                }
            }
            Uni<Void> all = Leases.apply(c, moves);
            for (Map.Entry<Buyer, Long> e : paidBack.entrySet()) {
                all = all.chain(
                        () -> Ledger.paidBack(c, e.getKey().tenant(), e.getKey().currency(), e.getValue()));
            }
            return all.chain(() -> appendAll(c, outbox));
        });
    }

    /**
     * Judges a lease's hour slots by its records at {@code now} (unreported slots after the grace period when its
     * offering committed to an availability, at once when best effort), and the credits that follow.
     */
    public Assessment assess(Committed l, DeliveryRecord record, Instant now) {
        Duration wait = DeliveryVerdicts.waitFor(record, grace);
        List<SlotVerdict> verdicts = DeliveryVerdicts.judge(l.lease(), record, now, wait);
        return new Assessment(
                verdicts,
                SlaCredits.of(l.lease(), verdicts, l.availabilityBps(), schedule),
                DeliveryVerdicts.nextCheck(verdicts, wait));
    }

    private Object[] summary(
            Lease l, String deliveredBy, Integer availabilityBps, Assessment a, DeliveryRecord record, Instant now) {
        DeliveryEvent e =
                DeliveryEvent.summary(l, deliveredBy, availabilityBps, a.verdicts(), a.credits(), record, now);
        return new Object[] {l.fillId().toString(), write(e), now};
    }

    /** Appends delivery-events to the outbox: each {key, payload, at}. */
    static Uni<Void> appendAll(SqlConnection c, List<Object[]> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = events.stream()
                .map(e -> Tuple.of(DELIVERY_EVENTS, e[0], e[1], SqlTime.utc((Instant) e[2])))
                .toList();
        return c.preparedQuery("insert into outbox (topic, record_key, payload, created_at) values ($1, $2, $3, $4)")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Appends one delivery record, as it was made, to the outbox. */
    public Uni<Void> announce(SqlConnection c, DeliveryRecordEvent event) {
        return appendAll(c, List.<Object[]>of(new Object[] {event.fillId().toString(), write(event), event.at()}));
    }

    String write(Object e) {
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /** The lease of a fill with its commitment, locked until the transaction ends. */
    public static Uni<Optional<Committed>> lock(SqlConnection c, UUID fillId) {
        return c.preparedQuery("""
                        select s.*, t.availability_bps, coalesce(t.provider, s.provider) as delivered_by
                        from lease_settlement s left join offering_terms t on t.offering_id = s.offering_id
                        where s.fill_id = $1 for update of s""")
                .execute(Tuple.of(fillId))
                .map(rows -> committed(rows).stream().findFirst());
    }

    static List<Committed> committed(RowSet<Row> rows) {
        List<Lease> leases = Leases.leases(rows);
        List<Committed> list = new ArrayList<>(leases.size());
        int i = 0;
        for (Row r : rows) {
            list.add(new Committed(leases.get(i++), r.getInteger("availability_bps"), r.getString("delivered_by")));
        }
        return list;
    }

    /** Every lease's delivery record, three reads whatever their number. */
    public static Uni<Map<UUID, DeliveryRecord>> records(SqlConnection c, List<Committed> leases) {
        UUID[] ids = leases.stream().map(l -> l.lease().fillId()).toArray(UUID[]::new);
        Map<UUID, Map<Instant, Integer>> hours = new HashMap<>();
        Map<UUID, List<Outage>> outages = new HashMap<>();
        Map<UUID, Set<Instant>> disputes = new HashMap<>();
        return c.preparedQuery(
                        "select fill_id, slot_start, devices_available from delivery_hour where fill_id = any($1)")
                .execute(Tuple.of(ids))
                .invoke(rows -> rows.forEach(r -> hours.computeIfAbsent(r.getUUID("fill_id"), k -> new HashMap<>())
                        .put(r.getOffsetDateTime("slot_start").toInstant(), r.getInteger("devices_available"))))
                .chain(() -> c.preparedQuery("""
                                select id, fill_id, starts_at, ends_at, devices, cause, reported_at from delivery_outage
                                where fill_id = any($1) order by starts_at""").execute(Tuple.of(ids)))
                .invoke(rows -> rows.forEach(r -> outages.computeIfAbsent(r.getUUID("fill_id"), k -> new ArrayList<>())
                        .add(outage(r))))
                .chain(() -> c.preparedQuery("""
                                select fill_id, slot_start from delivery_dispute
                                where fill_id = any($1) and state = 'ACCEPTED'""").execute(Tuple.of(ids)))
                .invoke(rows -> rows.forEach(r -> disputes.computeIfAbsent(r.getUUID("fill_id"), k -> new HashSet<>())
                        .add(r.getOffsetDateTime("slot_start").toInstant())))
                .map(x -> {
                    Map<UUID, DeliveryRecord> records = new HashMap<>();
                    for (Committed l : leases) {
                        UUID id = l.lease().fillId();
                        records.put(
                                id,
                                new DeliveryRecord(
                                        l.availabilityBps(),
                                        hours.getOrDefault(id, Map.of()),
                                        outages.getOrDefault(id, List.of()),
                                        disputes.getOrDefault(id, Set.of())));
                    }
                    return records;
                });
    }

    static Outage outage(Row r) {
        return new Outage(
                r.getUUID("id"),
                r.getOffsetDateTime("starts_at").toInstant(),
                r.getOffsetDateTime("ends_at").toInstant(),
                r.getInteger("devices"),
                r.getString("cause"),
                r.getOffsetDateTime("reported_at").toInstant());
    }
}
