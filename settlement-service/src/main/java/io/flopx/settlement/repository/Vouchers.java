package io.flopx.settlement.repository;

import io.flopx.settlement.domain.Voucher;
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
import java.util.List;
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
