package io.flopx.order.repository;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.OrderTransition;
import io.flopx.support.sql.CommitWithLast;
import io.flopx.support.sql.CommitWithLast.Last;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What applying the matcher's verdicts reads and writes, on the reactive PostgreSQL client: a batch of
 * events costs three statements in one transaction (lock its orders, read their fills, write fills, history
 * lines and the orders' new state at once), whatever the batch's size. This is the exchange's
 * hottest write path; Hibernate Reactive spent most of its CPU in wrappers around each statement.
 */
@ApplicationScoped
public class OrderProgressStore {

    private final Pool pool;

    public OrderProgressStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A transaction whose last statements are sent with its commit (see CommitWithLast): what they lock, a
     * tenant's buying power above all, is held for no round trip to this service.
     */
    public <T> Uni<T> inTransactionEndingWith(Function<SqlConnection, Uni<Last<T>>> work) {
        return CommitWithLast.transaction(pool, work);
    }

    /**
     * The orders among {@code ids} with what their progress needs (quantity, status, fills), locked for the
     * transaction in id order, so that batches applied concurrently never deadlock. Unknown ids are absent.
     */
    public Uni<Map<UUID, ComputeOrder>> lock(SqlConnection c, Collection<UUID> ids) {
        UUID[] wanted = ids.stream().sorted().toArray(UUID[]::new);
        return c.preparedQuery("""
                select id, tenant, kind, devices, throughput_gflops, min_fill, status, status_reason, limit_price, currency,
                    duration_hours, held, voucher_held, hold_slack_gflops
                from compute_order where id = any($1) order by id for update""").execute(Tuple.of(wanted)).chain(rows -> {
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
                o.tenant = r.getString("tenant");
                o.limitPrice = r.getLong("limit_price");
                o.currency = r.getString("currency");
                o.durationHours = r.getInteger("duration_hours");
                o.held = r.getLong("held");
                o.voucherHeld = r.getLong("voucher_held");
                o.holdSlackGflops = r.getLong("hold_slack_gflops");
                orders.put(o.id, o);
            }
            if (orders.isEmpty()) {
                return Uni.createFrom().item(orders);
            }
            return c.preparedQuery("""
                    select id, order_id, devices, gflops_per_device, cost, reversed_at from fill
                    where order_id = any($1) order by starts_at""").execute(Tuple.of(wanted)).map(fills -> {
                for (Row r : fills) {
                    Fill f = new Fill();
                    f.id = r.getUUID("id");
                    f.order = orders.get(r.getUUID("order_id"));
                    f.devices = r.getInteger("devices");
                    f.gflopsPerDevice = r.getLong("gflops_per_device");
                    f.cost = r.getLong("cost");
                    OffsetDateTime reversed = r.getOffsetDateTime("reversed_at");
                    f.reversedAt = reversed == null ? null : reversed.toInstant();
                    f.order.fills.add(f);
                }
                return orders;
            });
        });
    }

    /**
     * New fills (a fill id already stored is left as it is), history lines (in the batch's order) and the
     * orders' new state, in one statement of three data-modifying parts over arrays: one round trip per
     * batch, where one batched statement per table took three.
     */
    private static final String WRITE = """
            with new_fills as (
                insert into fill (id, order_id, offering_id, hub_id, site_id, model_id, pue_milli, tdp_watts,
                    gflops_per_device, devices, starts_at, ends_at, price_per_device_hour, cost, currency, recorded_at)
                select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::int[],
                    $8::int[], $9::bigint[], $10::int[], $11::timestamptz[], $12::timestamptz[], $13::bigint[],
                    $14::bigint[], $15::text[], $16::timestamptz[])
                on conflict (id) do nothing),
            history as (
                insert into order_transition (order_id, status, reason, at)
                select order_id, status, reason, at
                from unnest($17::uuid[], $18::text[], $19::text[], $20::timestamptz[]) with ordinality
                    as h(order_id, status, reason, at, n)
                order by n),
            changed as (
                update compute_order o set status = c.status, status_reason = c.reason,
                    updated_at = coalesce(c.updated_at, o.updated_at), devices = c.devices,
                    throughput_gflops = c.gflops, held = c.held, voucher_held = c.voucher_held,
                    version = o.version + 1
                from unnest($21::uuid[], $22::text[], $23::text[], $24::timestamptz[], $25::int[], $26::bigint[],
                    $27::bigint[], $32::bigint[]) as c(id, status, reason, updated_at, devices, gflops, held, voucher_held)
                where o.id = c.id),
            funds as (
                update buying_power b set held = b.held + d.held, charged = b.charged + d.charged
                from unnest($28::text[], $29::text[], $30::bigint[], $31::bigint[]) as d(tenant, currency, held, charged)
                where b.tenant = d.tenant and b.currency = d.currency)
            select 1""";

    /**
     * The buying power rows a batch moves, made if missing (a tenant whose orders predate pre-trade risk) and
     * locked in one order (tenant, currency) before it writes, so that two batches moving the same tenants
     * never wait for each other in a circle.
     */
    public Uni<Void> lockFunds(SqlConnection c, Collection<FundsChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        with wanted as (select * from unnest($1::text[], $2::text[]) as d(tenant, currency)),
                        made as (
                            insert into buying_power (tenant, currency)
                            select tenant, currency from wanted order by tenant, currency
                            on conflict (tenant, currency) do nothing)
                        select 1 from buying_power b join wanted d on b.tenant = d.tenant and b.currency = d.currency
                        order by b.tenant, b.currency for update of b""")
                .execute(Tuple.of(
                        changes.stream().map(FundsChange::tenant).toArray(String[]::new),
                        changes.stream().map(FundsChange::currency).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** What a batch changes in a tenant's buying power: its holds and what its fills cost, in minor units. */
    public record FundsChange(String tenant, String currency, long held, long charged) {}

    public Uni<Void> write(
            SqlConnection c,
            List<Fill> fills,
            List<OrderTransition> history,
            Collection<ComputeOrder> changed,
            Collection<FundsChange> funds) {
        if (fills.isEmpty() && history.isEmpty() && changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> params = new ArrayList<>(32);
        params.add(fills.stream().map(f -> f.id).toArray(UUID[]::new));
        params.add(fills.stream().map(f -> f.order.id).toArray(UUID[]::new));
        params.add(fills.stream().map(f -> f.offeringId).toArray(UUID[]::new));
        params.add(fills.stream().map(f -> f.hubId).toArray(String[]::new));
        params.add(fills.stream().map(f -> f.siteId).toArray(UUID[]::new));
        params.add(fills.stream().map(f -> f.modelId).toArray(String[]::new));
        params.add(fills.stream().map(f -> f.pueMilli).toArray(Integer[]::new));
        params.add(fills.stream().map(f -> f.tdpWatts).toArray(Integer[]::new));
        params.add(fills.stream().map(f -> f.gflopsPerDevice).toArray(Long[]::new));
        params.add(fills.stream().map(f -> f.devices).toArray(Integer[]::new));
        params.add(fills.stream().map(f -> SqlTime.utc(f.startsAt)).toArray(OffsetDateTime[]::new));
        params.add(fills.stream().map(f -> SqlTime.utc(f.endsAt)).toArray(OffsetDateTime[]::new));
        params.add(fills.stream().map(f -> f.pricePerDeviceHour).toArray(Long[]::new));
        params.add(fills.stream().map(f -> f.cost).toArray(Long[]::new));
        params.add(fills.stream().map(f -> f.currency).toArray(String[]::new));
        params.add(fills.stream().map(f -> SqlTime.utc(f.recordedAt)).toArray(OffsetDateTime[]::new));
        params.add(history.stream().map(t -> t.orderId).toArray(UUID[]::new));
        params.add(history.stream().map(t -> t.status).toArray(String[]::new));
        params.add(history.stream().map(t -> t.reason).toArray(String[]::new));
        params.add(history.stream().map(t -> SqlTime.utc(t.at)).toArray(OffsetDateTime[]::new));
        // The version moves on as Hibernate's would: an amendment read before this batch fails with a conflict.
        params.add(changed.stream().map(o -> o.id).toArray(UUID[]::new));
        params.add(changed.stream().map(o -> o.status.name()).toArray(String[]::new));
        params.add(changed.stream().map(o -> o.statusReason).toArray(String[]::new));
        params.add(changed.stream().map(o -> SqlTime.utc(o.updatedAt)).toArray(OffsetDateTime[]::new));
        params.add(changed.stream().map(o -> o.devices).toArray(Integer[]::new));
        params.add(changed.stream().map(o -> o.throughputGflops).toArray(Long[]::new));
        params.add(changed.stream().map(o -> o.held).toArray(Long[]::new));
        params.add(funds.stream().map(FundsChange::tenant).toArray(String[]::new));
        params.add(funds.stream().map(FundsChange::currency).toArray(String[]::new));
        params.add(funds.stream().map(FundsChange::held).toArray(Long[]::new));
        params.add(funds.stream().map(FundsChange::charged).toArray(Long[]::new));
        params.add(changed.stream().map(o -> o.voucherHeld).toArray(Long[]::new));
        return c.preparedQuery(WRITE).execute(Tuple.from(params)).replaceWithVoid();
    }
}
