package io.flopx.order.repository;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.IdListConverter;
import io.flopx.support.outbox.OutboxEntry;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stores a new order, its first history line and its event in one statement (data-modifying CTEs: one
 * round trip, atomic without a transaction block) on the reactive PostgreSQL client: placing an order is
 * the exchange's hottest write, and Hibernate Reactive spent most of its CPU around each statement.
 */
@ApplicationScoped
public class OrderPlacements {

    private static final IdListConverter IDS = new IdListConverter();
    private static final String COLUMNS = """
            id, tenant, client_reference, kind, models, devices, throughput_gflops, precision,
                duration_hours, earliest_start, latest_start, limit_price, currency, allowed_hubs, max_pue_milli,
                min_green_rating, interconnect, same_site, fill_policy, min_fill, time_in_force, good_till, status,
                status_reason, idempotency_key, request_hash, version, created_at, updated_at, held, shortfall,
                hold_slack_gflops, min_reliability_bps""";

    private static final String INSERT = """
            with placed as (
                insert into compute_order (%s)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                    $23, $24, $25, $26, $27, $28, $28, 0, null, $29, $30)
                returning id),
            history as (
                insert into order_transition (order_id, status, reason, at) select id, $23, null, $28 from placed)
            insert into outbox (topic, record_key, payload, created_at, traceparent)
            select $31, $32, $33, $28, $34 from placed
            returning id""".formatted(COLUMNS);

    /**
     * Whether one of the tenant's compute vouchers may back the order ($36 its hubs, $37 its minimum green
     * rating, $38 its maximum PUE, $39 when it stops trading): VoucherTerms.backs in SQL. Then the placement
     * that looks at vouchers takes it instead (vouchers hold before money). Only a preference rests on the two
     * agreeing: whichever path places an order holds all of its worst case.
     */
    private static final String BACKING_VOUCHER = """
            select 1 from voucher v
                    where v.tenant = $2 and v.currency = $13 and v.expires_at > $39::timestamptz
                        and v.amount - v.held - v.drawn > 0
                        and (cardinality(v.hubs) = 0 or (cardinality($36::text[]) > 0 and $36::text[] <@ v.hubs))
                        and (v.min_green_rating is null or $37::smallint >= v.min_green_rating)
                        and (v.max_pue_milli is null or $38::int <= v.max_pue_milli)""";

    /**
     * The same, when orders must be funded: the order's worst case ($35) is added to its tenant's holds only if
     * the tenant's buying power covers it (the row lock orders concurrent placements, and each sees the holds
     * of those before it) and none of its vouchers may back it, and the order is stored only if it was.
     * Nothing is stored otherwise: no row comes back, and the caller takes the path that looks at vouchers,
     * which holds them first, and also records a refusal. Typed parameters: an INSERT ... SELECT does not take its
     * parameters' types from the target columns as VALUES does.
     */
    private static final String INSERT_FUNDED = """
            with funded as (
                update buying_power set held = held + $35
                where tenant = $2 and currency = $13 and free >= $35
                    and not exists (%s)
                returning 1),
            placed as (
                insert into compute_order (%s)
                select $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::int, $7::bigint, $8::text, $9::int,
                    $10::timestamptz, $11::timestamptz, $12::bigint, $13::text, $14::text, $15::int, $16::smallint,
                    $17::text, $18::boolean, $19::text, $20::bigint, $21::text, $22::timestamptz, $23::text, $24::text,
                    $25::text, $26::text, $27::bigint, $28::timestamptz, $28::timestamptz, $35::bigint, null::bigint,
                    $29::bigint, $30::int
                where exists (select 1 from funded)
                returning id),
            history as (
                insert into order_transition (order_id, status, reason, at) select id, $23, null, $28 from placed)
            insert into outbox (topic, record_key, payload, created_at, traceparent)
            select $31::text, $32::text, $33::text, $28::timestamptz, $34::text from placed
            returning id""".formatted(BACKING_VOUCHER, COLUMNS);

    /** The same as INSERT with the order's hold ($35), which the caller has taken in the same transaction. */
    private static final String INSERT_HELD = INSERT.replace("$28, $28, 0, null, $29", "$28, $28, $35, null, $29");

    /** An order refused before it reached any book: stored with its history line, and no event. */
    private static final String INSERT_REFUSED = """
            with placed as (
                insert into compute_order (%s)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                    $23, $24, $25, $26, $27, $28, $28, 0, $31, $29, $30)
                returning id)
            insert into order_transition (order_id, status, reason, at) select id, $23, $24, $28 from placed""".formatted(COLUMNS);

    private final Pool pool;

    public OrderPlacements(Pool pool) {
        this.pool = pool;
    }

    /**
     * The order as accepted, with its event ({@code entry}, not yet stored). Fails with the unique index
     * {@code compute_order_idempotency_idx} when its tenant already used its idempotency key. With
     * {@code funded}, the order is stored only if its tenant's buying power covers its hold ({@code o.held}).
     *
     * @return the event as stored in the outbox, with its id, for the relay to publish at once; null when the
     *     order was not funded (nothing was stored)
     */
    public Uni<OutboxEntry> insert(ComputeOrder o, OutboxEntry entry, boolean funded) {
        List<Object> params = columns(o);
        params.add(entry.topic);
        params.add(entry.recordKey);
        params.add(entry.payload);
        params.add(entry.traceparent);
        if (funded) {
            params.add(o.held);
            params.add(o.allowedHubs.toArray(String[]::new));
            params.add(o.minGreenRating == null ? null : o.minGreenRating.shortValue());
            params.add(o.maxPueMilli);
            params.add(SqlTime.utc(o.goodTill == null ? o.createdAt : o.goodTill));
        }
        return pool.preparedQuery(funded ? INSERT_FUNDED : INSERT)
                .execute(Tuple.from(params))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    entry.id = rows.iterator().next().getLong(0);
                    return entry;
                });
    }

    /**
     * The order as accepted with its hold ({@code o.held}) and its event, on a connection whose transaction
     * has taken the hold (see BackedPlacement). Fails with {@code compute_order_idempotency_idx} as insert does.
     */
    public Uni<OutboxEntry> insertHeld(SqlConnection c, ComputeOrder o, OutboxEntry entry) {
        List<Object> params = columns(o);
        params.add(entry.topic);
        params.add(entry.recordKey);
        params.add(entry.payload);
        params.add(entry.traceparent);
        params.add(o.held);
        return c.preparedQuery(INSERT_HELD).execute(Tuple.from(params)).map(rows -> {
            entry.id = rows.iterator().next().getLong(0);
            return entry;
        });
    }

    /** Stores an order refused before any book saw it (status, reason and shortfall set), with no event. */
    public Uni<Void> insertRefused(ComputeOrder o) {
        List<Object> params = columns(o);
        params.add(o.shortfall);
        return pool.preparedQuery(INSERT_REFUSED).execute(Tuple.from(params)).replaceWithVoid();
    }

    /** $1 to $30: the order's columns. */
    private static List<Object> columns(ComputeOrder o) {
        return new ArrayList<>(Arrays.asList(
                o.id,
                o.tenant,
                o.clientReference,
                o.kind.name(),
                IDS.convertToDatabaseColumn(o.models),
                o.devices,
                o.throughputGflops,
                o.precision == null ? null : o.precision.name(),
                o.durationHours,
                SqlTime.utc(o.earliestStart),
                SqlTime.utc(o.latestStart),
                o.limitPrice,
                o.currency,
                IDS.convertToDatabaseColumn(o.allowedHubs),
                o.maxPueMilli,
                o.minGreenRating == null ? null : o.minGreenRating.shortValue(),
                o.interconnect,
                o.sameSite,
                o.fillPolicy.name(),
                o.minFill,
                o.timeInForce.name(),
                SqlTime.utc(o.goodTill),
                o.status.name(),
                o.statusReason,
                o.idempotencyKey,
                o.requestHash,
                o.version,
                SqlTime.utc(o.createdAt),
                o.holdSlackGflops,
                o.minReliabilityBps));
    }
}
