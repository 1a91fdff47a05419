package io.flopx.order.repository;

import io.flopx.order.domain.IdListConverter;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.PlanOrder;
import io.flopx.order.domain.PlanStatus;
import io.flopx.order.domain.ProcurementPlan;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Procurement plans (table {@code procurement_plan}) and the orders they placed ({@code plan_order}, joined
 * with the orders and their standing fills), on the reactive PostgreSQL client.
 */
@ApplicationScoped
public class PlanStore {

    private static final IdListConverter IDS = new IdListConverter();

    private final Pool pool;

    public PlanStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(ProcurementPlan p) {
        return pool.preparedQuery("""
                        insert into procurement_plan (id, tenant, name, models, hubs, devices, starts_at, ends_at,
                            ahead_hours, limit_price, currency, min_reliability_bps, budget, status, status_reason,
                            created_at, updated_at, peak_devices)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $6)""")
                .execute(Tuple.from(new Object[] {
                    p.id(),
                    p.tenant(),
                    p.name(),
                    IDS.convertToDatabaseColumn(p.models()),
                    IDS.convertToDatabaseColumn(p.hubs()),
                    p.devices(),
                    SqlTime.utc(p.startsAt()),
                    SqlTime.utc(p.endsAt()),
                    p.aheadHours(),
                    p.limitPrice(),
                    p.currency(),
                    p.minReliabilityBps(),
                    p.budget(),
                    p.status().name(),
                    p.statusReason(),
                    SqlTime.utc(p.createdAt())
                }))
                .replaceWithVoid();
    }

    public Uni<Optional<ProcurementPlan>> find(UUID id) {
        return pool.preparedQuery("select * from procurement_plan where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> plans(rows).stream().findFirst());
    }

    /** A tenant's plans (every tenant's when null), newest first. */
    public Uni<List<ProcurementPlan>> list(String tenant, int limit) {
        return pool.preparedQuery("""
                        select * from procurement_plan where ($1::text is null or tenant = $1)
                        order by created_at desc, id limit $2""").execute(Tuple.of(tenant, limit)).map(PlanStore::plans);
    }

    public Uni<List<ProcurementPlan>> active() {
        return pool.preparedQuery("select * from procurement_plan where status = 'ACTIVE' order by created_at, id")
                .execute()
                .map(PlanStore::plans);
    }

    /** Its size (and the largest it ever had), status and why. */
    public Uni<Void> update(ProcurementPlan p) {
        return pool.preparedQuery("""
                        update procurement_plan set devices = $2, peak_devices = greatest(peak_devices, $2),
                            status = $3, status_reason = $4, updated_at = $5
                        where id = $1""")
                .execute(Tuple.of(p.id(), p.devices(), p.status().name(), p.statusReason(), SqlTime.utc(p.updatedAt())))
                .replaceWithVoid();
    }

    /** The orders the plan placed, each with its standing fills' devices and cost. */
    public Uni<List<PlanOrder>> orders(UUID planId) {
        return pool.preparedQuery("""
                        select po.order_id, po.hour, o.status, o.devices, o.created_at,
                            coalesce(sum(f.devices), 0) as filled, coalesce(sum(f.cost), 0) as spent
                        from plan_order po
                        join compute_order o on o.id = po.order_id
                        left join fill f on f.order_id = po.order_id and f.reversed_at is null
                        where po.plan_id = $1
                        group by po.order_id, po.hour, o.status, o.devices, o.created_at
                        order by po.hour, o.created_at""").execute(Tuple.of(planId)).map(rows -> {
            List<PlanOrder> orders = new ArrayList<>(rows.size());
            for (Row r : rows) {
                orders.add(new PlanOrder(
                        r.getUUID("order_id"),
                        r.getOffsetDateTime("hour").toInstant(),
                        OrderStatus.valueOf(r.getString("status")),
                        r.getInteger("devices"),
                        r.getLong("filled"),
                        r.getLong("spent"),
                        r.getOffsetDateTime("created_at").toInstant()));
            }
            return orders;
        });
    }

    /**
     * Links orders the plan placed but did not record (an instance stopped between the two): they are the
     * tenant's orders whose idempotency key starts with the plan's prefix. Their hour is their start. (The
     * literal {@code like 'plan-%'} lets PostgreSQL use the partial index of plan orders, V10; the plan's id in
     * the link lookup its primary key: a key with this plan's prefix can only be this plan's.)
     */
    public Uni<Void> adoptOrphans(ProcurementPlan p, String keyPrefix) {
        return pool.preparedQuery("""
                        insert into plan_order (plan_id, order_id, hour)
                        select $1, o.id, o.earliest_start from compute_order o
                        where o.tenant = $2 and o.idempotency_key like 'plan-%' and starts_with(o.idempotency_key, $3)
                            and not exists (select 1 from plan_order po where po.plan_id = $1 and po.order_id = o.id)
                        on conflict do nothing""")
                .execute(Tuple.of(p.id(), p.tenant(), keyPrefix))
                .replaceWithVoid();
    }

    /** Records that the plan placed this order for this hour (again: nothing changes). */
    public Uni<Void> link(UUID planId, UUID orderId, Instant hour) {
        return pool.preparedQuery("""
                        insert into plan_order (plan_id, order_id, hour) values ($1, $2, $3)
                        on conflict do nothing""")
                .execute(Tuple.of(planId, orderId, SqlTime.utc(hour)))
                .replaceWithVoid();
    }

    /** The advisory lock class of plans (the other key is the plan's id hashed). */
    private static final int PLAN_LOCKS = 8_711;

    /**
     * Runs {@code work} on the plan as it stands once its lock is taken, unless another instance holds the lock
     * (its round is under way: this one is skipped, empty). For rounds.
     */
    public <T> Uni<Optional<T>> unlessLocked(UUID planId, Function<ProcurementPlan, Uni<T>> work) {
        return withLock("select pg_try_advisory_xact_lock($1, $2) as taken", planId, work);
    }

    /**
     * Runs {@code work} on the plan as it stands once its lock is taken, waiting for a round under way to end;
     * empty when there is no such plan. For an enterprise's changes, which must not be skipped.
     */
    public <T> Uni<Optional<T>> locked(UUID planId, Function<ProcurementPlan, Uni<T>> work) {
        return withLock("select true as taken from (select pg_advisory_xact_lock($1, $2)) waited", planId, work);
    }

    /**
     * Everything that writes a plan or places its orders runs under its lock, and reads the plan after taking
     * it, so nothing acts on a size or status another instance has just changed. An advisory lock of a
     * transaction kept open meanwhile, not the plan's row lock: the work writes the plan's row and links orders
     * to it (a foreign key, which takes a share lock on the row) on other connections.
     */
    private <T> Uni<Optional<T>> withLock(String lock, UUID planId, Function<ProcurementPlan, Uni<T>> work) {
        return pool.withTransaction(c -> c.preparedQuery(lock)
                .execute(Tuple.of(PLAN_LOCKS, planId.hashCode()))
                .chain(rows -> !rows.iterator().next().getBoolean("taken")
                        ? Uni.createFrom().item(Optional.<T>empty())
                        : find(planId)
                                .chain(plan -> plan.isEmpty()
                                        ? Uni.createFrom().item(Optional.<T>empty())
                                        : work.apply(plan.get()).map(Optional::ofNullable))));
    }

    private static List<ProcurementPlan> plans(RowSet<Row> rows) {
        List<ProcurementPlan> plans = new ArrayList<>(rows.size());
        for (Row r : rows) {
            plans.add(new ProcurementPlan(
                    r.getUUID("id"),
                    r.getString("tenant"),
                    r.getString("name"),
                    IDS.convertToEntityAttribute(r.getString("models")),
                    IDS.convertToEntityAttribute(r.getString("hubs")),
                    r.getInteger("devices"),
                    r.getOffsetDateTime("starts_at").toInstant(),
                    r.getOffsetDateTime("ends_at").toInstant(),
                    r.getInteger("ahead_hours"),
                    r.getLong("limit_price"),
                    r.getString("currency"),
                    r.getInteger("min_reliability_bps"),
                    r.getLong("budget"),
                    PlanStatus.valueOf(r.getString("status")),
                    r.getString("status_reason"),
                    r.getOffsetDateTime("created_at").toInstant(),
                    r.getOffsetDateTime("updated_at").toInstant()));
        }
        return plans;
    }
}
