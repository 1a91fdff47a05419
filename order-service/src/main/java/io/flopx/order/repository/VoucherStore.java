package io.flopx.order.repository;

import io.flopx.order.domain.VoucherBacking.Moved;
import io.flopx.order.domain.VoucherBacking.Part;
import io.flopx.order.domain.VoucherMoves;
import io.flopx.order.domain.VoucherMoves.Draw;
import io.flopx.order.domain.VoucherMoves.HoldChange;
import io.flopx.order.domain.VoucherMoves.VoucherChange;
import io.flopx.order.domain.VoucherTerms;
import io.flopx.support.sql.SqlTime;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compute vouchers as this service keeps them for holds (tables {@code voucher}, {@code order_voucher_hold},
 * {@code fill_voucher_draw}): taken from settlement-service's funding-events, held by orders, drawn by fills.
 * Locks are always taken in one order: orders' rows, then the tenant's buying-power row, then voucher rows (a
 * placement, which has no order row yet, takes buying power then vouchers), so that no two transactions wait
 * for each other in a circle; vouchers move by increments, and their check (held + drawn never above the
 * amount) refuses anything else.
 */
@ApplicationScoped
public class VoucherStore {

    /** Where fills' draws on vouchers (and reversed fills' returns) are published, for settlement-service. */
    public static final String VOUCHER_DRAWS = "voucher-draws";

    private final Pool pool;

    public VoucherStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A voucher settlement-service issued, once (a redelivery changes nothing), with a buying-power row for its
     * tenant if it had none (so that its vouchers show before any money arrives).
     */
    public Uni<Void> issued(VoucherTerms v) {
        return pool.preparedQuery("""
                        with kept as (
                            insert into voucher (id, tenant, currency, amount, expires_at, hubs, min_green_rating,
                                max_pue_milli)
                            values ($1, $2, $3, $4, $5, $6, $7, $8)
                            on conflict (id) do nothing)
                        insert into buying_power (tenant, currency) values ($2, $3)
                        on conflict (tenant, currency) do nothing""")
                .execute(Tuple.from(Arrays.asList(
                        v.id(),
                        v.tenant(),
                        v.currency(),
                        v.amount(),
                        SqlTime.utc(v.expiresAt()),
                        v.hubs().toArray(String[]::new),
                        v.minGreenRating() == null ? null : v.minGreenRating().shortValue(),
                        v.maxPueMilli())))
                .replaceWithVoid();
    }

    /** A voucher with what is left of it to hold (neither held nor drawn). */
    public record Unheld(VoucherTerms terms, long left) {}

    /**
     * The tenant's free buying power in its own money, its row locked for the transaction (0 when it has none),
     * and its vouchers in the currency that expire after {@code after} with something left, locked too.
     */
    public Uni<Funds> lockFunds(SqlConnection c, String tenant, String currency, Instant after) {
        Uni<RowSet<Row>> money = c.preparedQuery(
                        "select free from buying_power where tenant = $1 and currency = $2 for update")
                .execute(Tuple.of(tenant, currency));
        Uni<RowSet<Row>> vouchers = c.preparedQuery("""
                        select id, amount, expires_at, hubs, min_green_rating, max_pue_milli,
                            amount - held - drawn as left_over
                        from voucher where tenant = $1 and currency = $2 and expires_at > $3
                            and amount - held - drawn > 0
                        order by id for update""").execute(Tuple.of(tenant, currency, SqlTime.utc(after)));
        // Sent together, one round trip with the tenant's funds locked instead of two; PostgreSQL runs them in this
        // order, so the funds row is still locked before the vouchers (the order every writer keeps).
        return Uni.combine().all().unis(money, vouchers).asTuple().map(both -> {
            long free = both.getItem1().size() == 0
                    ? 0
                    : both.getItem1().iterator().next().getLong(0);
            List<Unheld> unheld = new ArrayList<>();
            for (Row r : both.getItem2()) {
                Short green = r.getShort("min_green_rating");
                unheld.add(new Unheld(
                        new VoucherTerms(
                                r.getUUID("id"),
                                tenant,
                                currency,
                                r.getLong("amount"),
                                r.getOffsetDateTime("expires_at").toInstant(),
                                Arrays.asList(r.getArrayOfStrings("hubs")),
                                green == null ? null : green.intValue(),
                                r.getInteger("max_pue_milli")),
                        r.getLong("left_over")));
            }
            return new Funds(free, unheld);
        });
    }

    /** What a tenant may commit: its free money and its vouchers with something left. */
    public record Funds(long free, List<Unheld> vouchers) {}

    /**
     * A new order's hold: {@code cash} of the tenant's money and {@code taken} of its vouchers. Rows locked by
     * {@link #lockFunds}.
     */
    public Uni<Void> holdNew(
            SqlConnection c, UUID orderId, String tenant, String currency, long cash, List<Moved> taken) {
        return c.preparedQuery("""
                        with money as (
                            update buying_power set held = held + $3 where tenant = $1 and currency = $2),
                        parts as (
                            insert into order_voucher_hold (order_id, voucher_id, held)
                            select $4, voucher_id, amount from unnest($5::uuid[], $6::bigint[]) as t(voucher_id, amount)),
                        backed as (
                            update compute_order set voucher_held = $7 where id = $4)
                        update voucher v set held = v.held + t.amount
                        from unnest($5::uuid[], $6::bigint[]) as t(voucher_id, amount) where v.id = t.voucher_id""")
                .execute(Tuple.from(Arrays.asList(
                        tenant,
                        currency,
                        cash,
                        orderId,
                        taken.stream().map(Moved::voucherId).toArray(UUID[]::new),
                        taken.stream().map(Moved::amount).toArray(Long[]::new),
                        taken.stream().mapToLong(Moved::amount).sum())))
                .replaceWithVoid();
    }

    /** The orders' holds on vouchers, by order (orders locked by the caller). */
    public Uni<Map<UUID, List<Part>>> holds(SqlConnection c, Collection<UUID> orderIds) {
        return c.preparedQuery("""
                        select h.order_id, h.voucher_id, v.expires_at, h.held from order_voucher_hold h
                        join voucher v on v.id = h.voucher_id
                        where h.order_id = any($1) and h.held > 0""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(VoucherStore::parts);
    }

    /** The same in the current Hibernate transaction, for one order. */
    public Uni<List<Part>> holds(UUID orderId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                                select h.voucher_id, v.expires_at, h.held from order_voucher_hold h
                                join voucher v on v.id = h.voucher_id
                                where h.order_id = :order and h.held > 0""", Object[].class)
                        .setParameter("order", orderId)
                        .getResultList())
                .map(rows -> {
                    List<Part> parts = new ArrayList<>();
                    for (Object[] r : rows) {
                        parts.add(new Part((UUID) r[0], instant(r[1]), ((Number) r[2]).longValue()));
                    }
                    return parts;
                });
    }

    private static Map<UUID, List<Part>> parts(Iterable<Row> rows) {
        Map<UUID, List<Part>> byOrder = new HashMap<>();
        for (Row r : rows) {
            byOrder.computeIfAbsent(r.getUUID("order_id"), k -> new ArrayList<>())
                    .add(new Part(
                            r.getUUID("voucher_id"),
                            r.getOffsetDateTime("expires_at").toInstant(),
                            r.getLong("held")));
        }
        return byOrder;
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** A voucher-draws event to publish with the change: its record key (the fill) and payload. */
    public record DrawEvent(String key, String payload) {}

    /**
     * Writes what a transaction did to vouchers, with the events that tell settlement-service, in one
     * statement: orders' holds, vouchers' totals (in voucher id order), fills' draws (a reversed fill's are
     * marked returned) and the outbox rows.
     */
    public Uni<Void> write(SqlConnection c, VoucherMoves moves, List<UUID> returnedFills, List<DrawEvent> events) {
        return c.preparedQuery(WRITE)
                .execute(writeParams(moves, returnedFills, events))
                .replaceWithVoid();
    }

    /** The same in the current Hibernate transaction (an amendment, a reversed fill). */
    public Uni<Void> write(VoucherMoves moves, List<UUID> returnedFills, List<DrawEvent> events) {
        // Hibernate passes no arrays to native queries portably: the arrays go as text, cast back in SQL.
        Tuple t = writeParams(moves, returnedFills, events);
        return Panache.getSession()
                .chain(s -> {
                    var q = s.createNativeQuery(
                            WRITE.replaceAll("\\$(\\d+)::(\\w+)\\[]", "cast(cast(:p$1 as text) as $2[])"));
                    for (int i = 0; i < t.size(); i++) {
                        q.setParameter("p" + (i + 1), pgArray((Object[]) t.getValue(i)));
                    }
                    return q.executeUpdate();
                })
                .replaceWithVoid();
    }

    private static final String WRITE = """
            with holds as (
                update order_voucher_hold h set held = h.held + d.delta
                from unnest($1::uuid[], $2::uuid[], $3::bigint[]) as d(order_id, voucher_id, delta)
                where h.order_id = d.order_id and h.voucher_id = d.voucher_id),
            totals as (
                update voucher v set held = v.held + d.held, drawn = v.drawn + d.drawn
                from unnest($4::uuid[], $5::bigint[], $6::bigint[]) as d(id, held, drawn) where v.id = d.id),
            draws as (
                insert into fill_voucher_draw (fill_id, voucher_id, amount)
                select * from unnest($7::uuid[], $8::uuid[], $9::bigint[])),
            returned as (
                update fill_voucher_draw set returned = true where fill_id = any($10::uuid[]) and not returned),
            events as (
                insert into outbox (topic, record_key, payload, created_at)
                select '%s', k, p, now() from unnest($11::text[], $12::text[]) with ordinality as e(k, p, n)
                order by n)
            select 1""".formatted(VOUCHER_DRAWS);

    private static Tuple writeParams(VoucherMoves moves, List<UUID> returnedFills, List<DrawEvent> events) {
        List<HoldChange> holds = moves.holdChanges();
        List<VoucherChange> totals = moves.voucherChanges();
        List<Draw> draws = moves.draws();
        return Tuple.from(List.of(
                holds.stream().map(HoldChange::orderId).toArray(UUID[]::new),
                holds.stream().map(HoldChange::voucherId).toArray(UUID[]::new),
                holds.stream().map(HoldChange::delta).toArray(Long[]::new),
                totals.stream().map(VoucherChange::voucherId).toArray(UUID[]::new),
                totals.stream().map(VoucherChange::held).toArray(Long[]::new),
                totals.stream().map(VoucherChange::drawn).toArray(Long[]::new),
                draws.stream().map(Draw::fillId).toArray(UUID[]::new),
                draws.stream().map(Draw::voucherId).toArray(UUID[]::new),
                draws.stream().map(Draw::amount).toArray(Long[]::new),
                returnedFills.toArray(UUID[]::new),
                events.stream().map(DrawEvent::key).toArray(String[]::new),
                events.stream().map(DrawEvent::payload).toArray(String[]::new)));
    }

    /** A PostgreSQL array literal of the values (each quoted). */
    private static String pgArray(Object[] values) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append('"')
                    .append(String.valueOf(values[i]).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return s.append('}').toString();
    }

    /** The draws of a fill not yet given back, in the current Hibernate transaction. */
    public Uni<List<Moved>> draws(UUID fillId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select voucher_id, amount from fill_voucher_draw where fill_id = :fill and not returned",
                                Object[].class)
                        .setParameter("fill", fillId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Moved((UUID) r[0], ((Number) r[1]).longValue()))
                        .toList());
    }
}
