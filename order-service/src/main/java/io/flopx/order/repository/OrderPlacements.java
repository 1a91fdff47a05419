package io.flopx.order.repository;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.IdListConverter;
import io.flopx.support.outbox.OutboxEntry;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores a new order, its first history line and its event in one statement (data-modifying CTEs: one
 * round trip, atomic without a transaction block) on the reactive PostgreSQL client: placing an order is
 * the exchange's hottest write, and Hibernate Reactive spent most of its CPU around each statement.
 */
@ApplicationScoped
public class OrderPlacements {

    private static final IdListConverter IDS = new IdListConverter();
    private static final String INSERT = """
            with placed as (
                insert into compute_order (id, tenant, client_reference, kind, models, devices, throughput_gflops, precision,
                    duration_hours, earliest_start, latest_start, limit_price, currency, allowed_hubs, max_pue_milli,
                    min_green_rating, interconnect, same_site, fill_policy, min_fill, time_in_force, good_till, status,
                    status_reason, idempotency_key, request_hash, version, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                    $23, $24, $25, $26, $27, $28, $28)
                returning id),
            history as (
                insert into order_transition (order_id, status, reason, at) select id, $23, null, $28 from placed)
            insert into outbox (topic, record_key, payload, created_at, traceparent)
            select $29, $30, $31, $28, $32 from placed
            returning id""";

    private final Pool pool;

    public OrderPlacements(Pool pool) {
        this.pool = pool;
    }

    /**
     * The order as accepted, with its event for {@code topic}. Fails with the unique index
     * {@code compute_order_idempotency_idx} when its tenant already used its idempotency key.
     *
     * @return the event as stored in the outbox, with its id, for the relay to publish at once
     */
    public Uni<OutboxEntry> insert(ComputeOrder o, String topic, String event) {
        OutboxEntry entry = OutboxEntry.of(topic, o.id.toString(), event, o.createdAt);
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
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
                    entry.topic,
                    entry.recordKey,
                    entry.payload,
                    entry.traceparent
                }))
                .map(rows -> {
                    entry.id = rows.iterator().next().getLong(0);
                    return entry;
                });
    }
}
