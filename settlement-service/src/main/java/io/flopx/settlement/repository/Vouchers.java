package io.flopx.settlement.repository;

import io.flopx.settlement.domain.Voucher;
import io.flopx.settlement.domain.VoucherHubUse;
import io.flopx.settlement.domain.VoucherProgramTotals;
import io.flopx.support.sql.SqlTime;
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
import java.util.Optional;
import java.util.UUID;

/** Compute vouchers' terms; what each has left is its account's balance in the ledger. */
@ApplicationScoped
public class Vouchers {

    private static final String SELECT = """
            select v.*, coalesce(a.credits - a.debits, 0) as remaining
            from voucher v left join account a on a.kind = 'VOUCHER' and a.voucher_id = v.id""";

    private final Pool pool;

    public Vouchers(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** The voucher's terms, in the transaction that issues it (see Ledger#post(entry, alsoDo)). */
    public Uni<Void> insert(SqlConnection c, Voucher v) {
        return c.preparedQuery("""
                        insert into voucher (id, program, tenant, currency, amount, expires_at, hubs, min_green_rating,
                            max_pue_milli, issued_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] {
                    v.id(),
                    v.program(),
                    v.tenant(),
                    v.currency(),
                    v.amount(),
                    SqlTime.utc(v.expiresAt()),
                    v.hubs().toArray(String[]::new),
                    v.minGreenRating() == null ? null : v.minGreenRating().shortValue(),
                    v.maxPueMilli(),
                    SqlTime.utc(v.issuedAt())
                }))
                .replaceWithVoid();
    }

    /**
     * The voucher on {@code funding-events} (key voucher|id), in the transaction that issues it, for
     * order-service's holds: its holder, value, expiry and eligibility. The same statement as V6's, which
     * announced the vouchers issued before.
     */
    public Uni<Void> announce(SqlConnection c, UUID id) {
        return c.preparedQuery(ANNOUNCE + " where id = $1")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    private static final String ANNOUNCE = """
            insert into outbox (topic, record_key, payload, created_at)
            select 'funding-events', 'voucher|' || id,
                json_build_object('type', 'VOUCHER_ISSUED', 'tenant', tenant, 'currency', currency, 'voucherId', id,
                    'amount', amount,
                    'expiresAt', to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'hubs', hubs, 'minGreenRating', min_green_rating, 'maxPueMilli', max_pue_milli)::text, now()
            from voucher""";

    /** A voucher about to be drawn on or given back to: its program, and whether it lapsed. */
    public record Spendable(
            UUID id, String tenant, String currency, String program, List<String> hubs, boolean lapsed) {}

    /**
     * The vouchers, locked for the transaction (a lapse marks the row in its own transaction, so a draw sees
     * the voucher either lapsed or not, never between).
     */
    public Uni<Map<UUID, Spendable>> lockForSpending(SqlConnection c, Collection<UUID> ids) {
        return c.preparedQuery("""
                        select id, tenant, currency, program, hubs, lapsed_at is not null as lapsed from voucher
                        where id = any($1) order by id for update""").execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Spendable> found = new HashMap<>();
            for (Row r : rows) {
                found.put(
                        r.getUUID("id"),
                        new Spendable(
                                r.getUUID("id"),
                                r.getString("tenant"),
                                r.getString("currency"),
                                r.getString("program"),
                                Arrays.asList(r.getArrayOfStrings("hubs")),
                                r.getBoolean("lapsed")));
            }
            return found;
        });
    }

    /** What a fill drew, by voucher, with the fill's hub: for programs' use by hub. Once per fill and voucher. */
    public Uni<Void> recordUse(SqlConnection c, UUID fillId, String hub, Map<UUID, Long> drawn, Instant at) {
        return c.preparedQuery("""
                        insert into voucher_use (fill_id, voucher_id, hub, amount, drawn_at)
                        select $1, v, $2, a, $3 from unnest($4::uuid[], $5::bigint[]) as d(v, a)
                        on conflict (fill_id, voucher_id) do nothing""")
                .execute(Tuple.from(Arrays.asList(
                        fillId,
                        hub,
                        SqlTime.utc(at),
                        drawn.keySet().toArray(UUID[]::new),
                        drawn.values().toArray(Long[]::new))))
                .replaceWithVoid();
    }

    /** A reversed fill's draws, given back. */
    public Uni<Void> recordReturn(SqlConnection c, UUID fillId, Instant at) {
        return c.preparedQuery("update voucher_use set returned_at = $2 where fill_id = $1 and returned_at is null")
                .execute(Tuple.of(fillId, SqlTime.utc(at)))
                .replaceWithVoid();
    }

    /** What a program's vouchers paid for, per currency and hub (draws of fills that stand). */
    public Uni<List<VoucherHubUse>> programUse(String program) {
        return pool.preparedQuery("""
                        select v.currency, u.hub, count(distinct u.fill_id) as fills, sum(u.amount) as redeemed
                        from voucher_use u join voucher v on v.id = u.voucher_id
                        where v.program = $1 and u.returned_at is null
                        group by v.currency, u.hub order by v.currency, u.hub""").execute(Tuple.of(program)).map(rows -> {
            List<VoucherHubUse> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new VoucherHubUse(
                        r.getString("currency"), r.getString("hub"), r.getLong("fills"), r.getLong("redeemed")));
            }
            return list;
        });
    }

    public Uni<Optional<Voucher>> byId(UUID id) {
        return pool.preparedQuery(SELECT + " where v.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> vouchers(rows).stream().findFirst());
    }

    /** Vouchers, soonest to expire first, of one tenant and/or one program (null: any). */
    public Uni<List<Voucher>> list(String tenant, String program, int limit) {
        return pool.preparedQuery(SELECT
                        + " where ($1::text is null or v.tenant = $1) and ($2::text is null or v.program = $2)"
                        + " order by v.expires_at, v.id limit $3")
                .execute(Tuple.of(tenant, program, limit))
                .map(Vouchers::vouchers);
    }

    /** Vouchers past their expiry whose unspent value has not gone back to the program yet. */
    public Uni<List<Voucher>> dueToLapse(Instant now, int limit) {
        return pool.preparedQuery(
                        SELECT + " where v.lapsed_at is null and v.expires_at <= $1 order by v.expires_at limit $2")
                .execute(Tuple.of(SqlTime.utc(now), limit))
                .map(Vouchers::vouchers);
    }

    /** Marks the voucher lapsed in the transaction that returns its value; false if it already was. */
    public Uni<Boolean> markLapsed(SqlConnection c, UUID id, Instant at) {
        return c.preparedQuery("update voucher set lapsed_at = $2 where id = $1 and lapsed_at is null")
                .execute(Tuple.of(id, SqlTime.utc(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks a voucher with nothing left lapsed (no money moves); false if it already was. */
    public Uni<Boolean> markLapsed(UUID id, Instant at) {
        return pool.withConnection(c -> markLapsed(c, id, at));
    }

    /** A program's vouchers per currency: how many, how much issued, still outstanding, and lapsed. */
    public Uni<List<VoucherProgramTotals>> programTotals(String program) {
        return pool.preparedQuery("""
                        select v.currency, count(*) as vouchers, sum(v.amount) as issued,
                            coalesce(sum(a.credits - a.debits) filter (where v.lapsed_at is null), 0) as outstanding,
                            coalesce((select sum(l.credits - l.debits) from account l
                                where l.tenant = 'program:' || $1 and l.kind = 'PROGRAM_LAPSED'
                                  and l.currency = v.currency), 0) as lapsed
                        from voucher v left join account a on a.kind = 'VOUCHER' and a.voucher_id = v.id
                        where v.program = $1 group by v.currency order by v.currency""").execute(Tuple.of(program)).map(rows -> {
            List<VoucherProgramTotals> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new VoucherProgramTotals(
                        r.getString("currency"),
                        r.getLong("vouchers"),
                        r.getLong("issued"),
                        r.getLong("outstanding"),
                        r.getLong("lapsed")));
            }
            return list;
        });
    }

    private static List<Voucher> vouchers(RowSet<Row> rows) {
        List<Voucher> list = new ArrayList<>();
        for (Row r : rows) {
            OffsetDateTime lapsed = r.getOffsetDateTime("lapsed_at");
            Short rating = r.getShort("min_green_rating");
            list.add(new Voucher(
                    r.getUUID("id"),
                    r.getString("program"),
                    r.getString("tenant"),
                    r.getString("currency"),
                    r.getLong("amount"),
                    r.getOffsetDateTime("expires_at").toInstant(),
                    Arrays.asList(r.getArrayOfStrings("hubs")),
                    rating == null ? null : rating.intValue(),
                    r.getInteger("max_pue_milli"),
                    r.getOffsetDateTime("issued_at").toInstant(),
                    lapsed == null ? null : lapsed.toInstant(),
                    r.getLong("remaining")));
        }
        return list;
    }
}
