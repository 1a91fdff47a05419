package io.flopx.order.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.OrderTransition;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What applying the matcher's verdicts reads and writes, on the reactive PostgreSQL client: a batch of
 * events costs five statements in one transaction (lock its orders, read their fills, insert fills, insert
 * history lines, update the orders), each batched, whatever the batch's size. This is the exchange's
 * hottest write path; Hibernate Reactive spent most of its CPU in wrappers around each statement.
 */
@ApplicationScoped
public class OrderProgressStore {

    private final Pool pool;

    public OrderProgressStore(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /**
     * The orders among {@code ids} with what their progress needs (quantity, status, fills), locked for the
     * transaction in id order, so that batches applied concurrently never deadlock. Unknown ids are absent.
     */
    public Uni<Map<UUID, ComputeOrder>> lock(SqlConnection c, Collection<UUID> ids) {
        UUID[] wanted = ids.stream().sorted().toArray(UUID[]::new);
        return c.preparedQuery("""
                select id, kind, devices, throughput_gflops, min_fill, status, status_reason from compute_order
                where id = any($1) order by id for update""").execute(Tuple.of(wanted)).chain(rows -> {
            Map<UUID, ComputeOrder> orders = new LinkedHashMap<>();
            for (Row r : rows) {
                ComputeOrder o = new ComputeOrder();
                o.id = r.getUUID("id");
                o.kind = OrderKind.valueOf(r.getString("kind"));
                o.devices = r.getInteger("devices");
                o.throughputGflops = r.getLong("throughput_gflops");
                o.minFill = r.getLong("min_fill");
                o.status = OrderStatus.valueOf(r.getString("status"));
                o.statusReason = r.getString("status_reason");
                orders.put(o.id, o);
            }
            if (orders.isEmpty()) {
                return Uni.createFrom().item(orders);
            }
            return c.preparedQuery("""
                    select id, order_id, devices, gflops_per_device, reversed_at from fill
                    where order_id = any($1) order by starts_at""").execute(Tuple.of(wanted)).map(fills -> {
                for (Row r : fills) {
                    Fill f = new Fill();
                    f.id = r.getUUID("id");
                    f.order = orders.get(r.getUUID("order_id"));
                    f.devices = r.getInteger("devices");
                    f.gflopsPerDevice = r.getLong("gflops_per_device");
                    OffsetDateTime reversed = r.getOffsetDateTime("reversed_at");
                    f.reversedAt = reversed == null ? null : reversed.toInstant();
                    f.order.fills.add(f);
                }
                return orders;
            });
        });
    }

    /** New fills (a fill id already stored is left as it is), history lines and the orders' new state. */
    public Uni<Void> write(SqlConnection c, List<Fill> fills, List<OrderTransition> history, Collection<ComputeOrder> changed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (!fills.isEmpty()) {
            List<Tuple> rows = new ArrayList<>(fills.size());
            for (Fill f : fills) {
                rows.add(Tuple.from(new Object[] { f.id, f.order.id, f.offeringId, f.hubId, f.siteId, f.modelId, f.pueMilli,
                        f.tdpWatts, f.gflopsPerDevice, f.devices, SqlTime.utc(f.startsAt), SqlTime.utc(f.endsAt), f.pricePerDeviceHour, f.cost,
                        f.currency, SqlTime.utc(f.recordedAt) }));
            }
            chain = chain.chain(() -> c.preparedQuery("""
                    insert into fill (id, order_id, offering_id, hub_id, site_id, model_id, pue_milli, tdp_watts,
                        gflops_per_device, devices, starts_at, ends_at, price_per_device_hour, cost, currency, recorded_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                    on conflict (id) do nothing""").executeBatch(rows).replaceWithVoid());
        }
        if (!history.isEmpty()) {
            List<Tuple> rows = history.stream().map(t -> Tuple.of(t.orderId, t.status, t.reason, SqlTime.utc(t.at))).toList();
            chain = chain.chain(() -> c.preparedQuery("insert into order_transition (order_id, status, reason, at) values ($1, $2, $3, $4)")
                    .executeBatch(rows).replaceWithVoid());
        }
        if (!changed.isEmpty()) {
            // The version moves on as Hibernate's would: an amendment read before this batch fails with a conflict.
            List<Tuple> rows = changed.stream().map(o -> Tuple.from(new Object[] { o.id, o.status.name(), o.statusReason,
                    SqlTime.utc(o.updatedAt), o.devices, o.throughputGflops })).toList();
            chain = chain.chain(() -> c.preparedQuery("""
                    update compute_order set status = $2, status_reason = $3, updated_at = coalesce($4, updated_at),
                        devices = $5, throughput_gflops = $6, version = version + 1
                    where id = $1""").executeBatch(rows).replaceWithVoid());
        }
        return chain;
    }

}
