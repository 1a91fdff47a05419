package io.flopx.settlement.repository;

import io.flopx.settlement.domain.AccountKind;
import io.flopx.settlement.domain.AccountRef;
import io.flopx.settlement.domain.Balance;
import io.flopx.settlement.domain.EntryKind;
import io.flopx.settlement.domain.JournalEntry;
import io.flopx.settlement.domain.LedgerTotals;
import io.flopx.settlement.domain.MonthlyStatement;
import io.flopx.settlement.domain.Posting;
import io.flopx.settlement.domain.StatementLine;
import io.flopx.support.Cursor;
import io.flopx.support.sql.SqlTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ledger's tables on the reactive PostgreSQL client: entries, one or a batch, are three statements in one
 * transaction (accounts made if missing, those accounts locked in id order, then the entries with every
 * posting and the accounts' new totals in one statement),
 * and the database refuses an overdraft (account_not_overdrawn) or an unbalanced entry (journal_entry_balanced).
 */
@ApplicationScoped
public class Ledger {

    /** The accounts an entry names, made if missing, with their ids (the insert's rows and those already there). */
    private static final String ACCOUNTS = """
            with wanted as (
                select * from unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::uuid[])
                    as w(tenant, currency, kind, guard, voucher_id)),
            made as (
                insert into account (tenant, currency, kind, debits_must_not_exceed_credits, voucher_id)
                select tenant, currency, kind, guard, voucher_id from wanted
                on conflict on constraint account_key do nothing
                returning id, tenant, currency, kind, voucher_id)
            select id, tenant, currency, kind, voucher_id from made
            union all
            select a.id, a.tenant, a.currency, a.kind, a.voucher_id from account a
            join wanted w on (a.tenant, a.currency, a.kind) = (w.tenant, w.currency, w.kind)
                and a.voucher_id is not distinct from w.voucher_id""";

    /**
     * The tenant's funding (what it paid in, its credit limit) as order-service's pre-trade risk reads it, on
     * {@code funding-events} (compacted, key tenant|currency), from the AVAILABLE account just changed: its
     * row is locked by the change, so concurrent changes publish in the order they commit, each with a
     * higher version.
     */
    private static final String FUNDING_EVENT = """
            insert into outbox (topic, record_key, payload, created_at)
            select 'funding-events', tenant || '|' || currency,
                json_build_object('tenant', tenant, 'currency', currency, 'paidIn', paid_in,
                    'creditLimit', credit_limit, 'version', funding_version)::text, now()
            from changed""";

    /** A top-up raises what the tenant paid in. */
    private static final String PAID_IN = """
            with changed as (
                update account set paid_in = paid_in + $3, funding_version = funding_version + 1
                where tenant = $1 and currency = $2 and kind = 'AVAILABLE' and voucher_id is null
                returning tenant, currency, paid_in, credit_limit, funding_version)
            """ + FUNDING_EVENT;

    /** The unique index that makes an idempotency key stand for one entry. */
    public static final String IDEMPOTENCY_INDEX = "journal_entry_idempotency_idx";
    /** The check that refuses an overdraft beyond the credit limit. */
    public static final String NOT_OVERDRAWN = "account_not_overdrawn";

    private final Pool pool;

    public Ledger(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies the entry and {@code alsoDo} (what the entry records, say a voucher's row) in one transaction,
     * all of it or nothing; an entry whose id is already in the ledger is refused.
     */
    public Uni<Void> post(JournalEntry entry, Function<SqlConnection, Uni<Void>> alsoDo) {
        return pool.withTransaction(c -> alsoDo.apply(c)
                .chain(() -> postEntries(c, List.of(entry)))
                .invoke(postings -> {
                    // Every posting lands, or the transaction does not commit.
                    if (postings != entry.postings().size()) {
                        throw new IllegalStateException("entry " + entry.id() + ": " + postings + " of "
                                + entry.postings().size() + " postings (its id is taken)");
                    }
                })
                .chain(() -> paidIn(c, entry)));
    }

    /**
     * Entries made by the exchange itself (trades, payouts, refunds), keyed by ids derived from the events that
     * caused them, posted on {@code c}: an entry already there (a redelivered event) is skipped with its
     * postings.
     */
    public static Uni<Void> postAll(SqlConnection c, List<JournalEntry> entries) {
        return entries.isEmpty()
                ? Uni.createFrom().voidItem()
                : postEntries(c, entries).replaceWithVoid();
    }

    /**
     * Every entry the ledger posts goes through here, one or many: the accounts they name (made if missing),
     * locked in id order so that concurrent transactions never deadlock, then the new entries and all their
     * postings in one statement (ENTRIES), whatever their number. Returns how many postings landed.
     */
    private static Uni<Integer> postEntries(SqlConnection c, List<JournalEntry> entries) {
        List<Posting> all = new ArrayList<>();
        entries.forEach(e -> all.addAll(e.postings()));
        List<Posting> distinct = new ArrayList<>(all.stream()
                .collect(Collectors.toMap(Posting::account, p -> p, (a, b) -> a, LinkedHashMap::new))
                .values());
        return accountIds(c, distinct)
                .chain(ids -> c.preparedQuery("select id from account where id = any($1) order by id for update")
                        .execute(Tuple.of(ids.values().toArray(Long[]::new)))
                        .chain(() -> c.preparedQuery(ENTRIES).execute(entriesTuple(entries, ids))))
                .map(RowSet::rowCount);
    }

    /** Trade settlement debits a buyer's AVAILABLE account even past a credit limit lowered since its hold. */
    public static Uni<Void> settlingTrades(SqlConnection c) {
        return c.query("select set_config('flopx.settling_trades', 'on', true)")
                .execute()
                .replaceWithVoid();
    }

    private static final String ENTRIES = """
            with new_entry as (
                insert into journal_entry (id, kind, tenant, currency, amount, reference, requested_by, at,
                    idempotency_key, request_hash)
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
                    $7::text[], $8::timestamptz[], $12::text[], $13::text[])
                on conflict (id) do nothing
                returning id),
            wanted as (
                select m.entry_id, m.account_id, m.amount, m.n
                from unnest($9::uuid[], $10::bigint[], $11::bigint[]) with ordinality as m(entry_id, account_id, amount, n)
                join new_entry e on e.id = m.entry_id),
            per_account as (
                select account_id, sum(greatest(-amount, 0)) as debits, sum(greatest(amount, 0)) as credits
                from wanted group by account_id),
            moved as (
                update account a set debits = a.debits + t.debits, credits = a.credits + t.credits
                from per_account t where a.id = t.account_id
                returning a.id, a.credits - a.debits as balance)
            insert into posting (entry_id, account_id, amount, balance_after)
            select w.entry_id, w.account_id, w.amount,
                m.balance - coalesce(sum(w.amount) over (partition by w.account_id order by w.n
                    rows between 1 following and unbounded following), 0)
            from wanted w join moved m on m.id = w.account_id""";

    private static Tuple entriesTuple(List<JournalEntry> entries, Map<AccountRef, Long> ids) {
        int n = entries.size();
        UUID[] entryIds = new UUID[n];
        String[] kinds = new String[n];
        String[] tenants = new String[n];
        String[] currencies = new String[n];
        Long[] amounts = new Long[n];
        String[] references = new String[n];
        String[] requesters = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] keys = new String[n];
        String[] hashes = new String[n];
        List<UUID> postingEntries = new ArrayList<>();
        List<Long> postingAccounts = new ArrayList<>();
        List<Long> postingAmounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JournalEntry e = entries.get(i);
            entryIds[i] = e.id();
            kinds[i] = e.kind().name();
            tenants[i] = e.tenant();
            currencies[i] = e.currency();
            amounts[i] = e.amount();
            references[i] = e.reference();
            requesters[i] = e.requestedBy();
            at[i] = SqlTime.utc(e.at());
            keys[i] = e.idempotencyKey();
            hashes[i] = e.requestHash();
            for (Posting p : e.postings()) {
                postingEntries.add(e.id());
                postingAccounts.add(ids.get(p.account()));
                postingAmounts.add(p.amount());
            }
        }
        return Tuple.from(new Object[] {
            entryIds,
            kinds,
            tenants,
            currencies,
            amounts,
            references,
            requesters,
            at,
            postingEntries.toArray(UUID[]::new),
            postingAccounts.toArray(Long[]::new),
            postingAmounts.toArray(Long[]::new),
            keys,
            hashes
        });
    }

    /** Money paid in is funding for pre-trade risk: recorded on the account, and published (see FUNDING_EVENT). */
    /**
     * Money given back to a tenant outside trading (SLA credits) counts, for pre-trade risk, like money paid in:
     * order-service learns it from funding-events.
     */
    public static Uni<Void> paidBack(SqlConnection c, String tenant, String currency, long amount) {
        return amount == 0
                ? Uni.createFrom().voidItem()
                : c.preparedQuery(PAID_IN)
                        .execute(Tuple.of(tenant, currency, amount))
                        .replaceWithVoid();
    }

    private static Uni<Void> paidIn(SqlConnection c, JournalEntry entry) {
        if (entry.kind() != EntryKind.TOP_UP) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(PAID_IN)
                .execute(Tuple.of(entry.tenant(), entry.currency(), entry.amount()))
                .replaceWithVoid();
    }

    /**
     * The ids of the entry's accounts, made if missing. An account another transaction made concurrently (its
     * insert committed while ours waited on the same key) is not visible to the statement that waited, which
     * started before that commit: it is read again by a second statement, which sees it.
     */
    private static Uni<Map<AccountRef, Long>> accountIds(SqlConnection c, List<Posting> postings) {
        return accountIdsOnce(c, postings)
                .chain(ids -> ids.size() == postings.size()
                        ? Uni.createFrom().item(ids)
                        : accountIdsOnce(c, postings).invoke(again -> {
                            if (again.size() != postings.size()) {
                                throw new IllegalStateException("accounts not found: " + postings);
                            }
                        }));
    }

    private static Uni<Map<AccountRef, Long>> accountIdsOnce(SqlConnection c, List<Posting> postings) {
        int n = postings.size();
        String[] tenants = new String[n];
        String[] currencies = new String[n];
        String[] kinds = new String[n];
        Boolean[] guards = new Boolean[n];
        UUID[] vouchers = new UUID[n];
        for (int i = 0; i < n; i++) {
            AccountRef a = postings.get(i).account();
            tenants[i] = a.tenant();
            currencies[i] = a.currency();
            kinds[i] = a.kind().name();
            guards[i] = a.kind().mayNotBeOverdrawn();
            vouchers[i] = a.voucherId();
        }
        return c.preparedQuery(ACCOUNTS)
                .execute(Tuple.of(tenants, currencies, kinds, guards, vouchers))
                .map(rows -> {
                    Map<AccountRef, Long> ids = new HashMap<>();
                    for (Row r : rows) {
                        ids.put(
                                new AccountRef(
                                        r.getString("tenant"),
                                        r.getString("currency"),
                                        AccountKind.valueOf(r.getString("kind")),
                                        r.getUUID("voucher_id")),
                                r.getLong("id"));
                    }
                    return ids;
                });
    }

    /** The entry a requester made under an idempotency key, if any: its id and request hash. */
    public Uni<Optional<KeyedEntry>> byKey(String requestedBy, String idempotencyKey) {
        return pool.preparedQuery("""
                        select id, request_hash from journal_entry
                        where requested_by = $1 and idempotency_key = $2""")
                .execute(Tuple.of(requestedBy, idempotencyKey))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next())
                                .map(r -> new KeyedEntry(r.getUUID("id"), r.getString("request_hash"))));
    }

    /** What an idempotency key stands for. */
    public record KeyedEntry(UUID id, String requestHash) {}

    /** The tenant's balances, one per currency it has an account in, by currency. */
    public Uni<List<Balance>> balances(String tenant) {
        return pool.preparedQuery("""
                        select currency,
                            coalesce(sum(credits - debits) filter (where kind = 'AVAILABLE'), 0) as available,
                            coalesce(sum(credit_limit) filter (where kind = 'AVAILABLE'), 0) as credit_limit,
                            coalesce(sum(credits - debits) filter (where kind = 'HELD'), 0) as held,
                            coalesce(sum(credits - debits) filter (where kind = 'ESCROW'), 0) as escrow,
                            coalesce(sum(credits - debits) filter (where kind = 'PAYABLE'), 0) as payable,
                            coalesce(sum(credits - debits) filter (where kind = 'VOUCHER'), 0) as vouchers
                        from account where tenant = $1 group by currency order by currency""").execute(Tuple.of(tenant)).map(rows -> {
            List<Balance> balances = new ArrayList<>();
            for (Row r : rows) {
                balances.add(new Balance(
                        tenant,
                        r.getString("currency"),
                        r.getLong("available"),
                        r.getLong("credit_limit"),
                        r.getLong("held"),
                        r.getLong("escrow"),
                        r.getLong("payable"),
                        r.getLong("vouchers")));
            }
            return balances;
        });
    }

    /**
     * Sets the credit limit of the tenant's AVAILABLE account (made if missing). Fails with
     * {@code account_not_overdrawn} when the account already uses more credit than the new limit.
     */
    public Uni<Void> setCreditLimit(String tenant, String currency, long creditLimit) {
        return pool.preparedQuery("""
                        with changed as (
                            insert into account (tenant, currency, kind, credit_limit, debits_must_not_exceed_credits,
                                funding_version)
                            values ($1, $2, 'AVAILABLE', $3, true, 1)
                            on conflict on constraint account_key do update set credit_limit = excluded.credit_limit,
                                funding_version = account.funding_version + 1
                            returning tenant, currency, paid_in, credit_limit, funding_version)
                        """ + FUNDING_EVENT)
                .execute(Tuple.of(tenant, currency, creditLimit))
                .replaceWithVoid();
    }

    /**
     * A page of the tenant's statement, newest first: the entries that touched its accounts (optionally in
     * one currency and of one kind), after {@code after} (keyset paging on time and entry id), each with its
     * postings to the tenant's accounts. A page holds whole entries, so none is split across two pages.
     */
    public Uni<List<StatementLine>> statement(
            String tenant, String currency, EntryKind kind, Cursor after, int entries) {
        return pool.preparedQuery("""
                        with mine as (
                            select p.entry_id, p.amount, p.balance_after, a.currency, a.kind as account
                            from posting p join account a on a.id = p.account_id
                            where a.tenant = $1 and ($2::text is null or a.currency = $2)),
                        page as (
                            select e.id, e.at, e.kind, e.reference from journal_entry e
                            where e.id in (select entry_id from mine)
                              and ($3::text is null or e.kind = $3)
                              and ($4::timestamptz is null or (e.at, e.id) < ($4, $5))
                            order by e.at desc, e.id desc
                            limit $6)
                        select page.id, page.at, page.kind, page.reference, m.currency, m.account, m.amount,
                            m.balance_after
                        from page join mine m on m.entry_id = page.id
                        order by page.at desc, page.id desc, m.account""")
                .execute(Tuple.from(new Object[] {
                    tenant,
                    currency,
                    kind == null ? null : kind.name(),
                    after == null ? null : SqlTime.utc(after.at()),
                    after == null ? null : after.id(),
                    entries
                }))
                .map(Ledger::lines);
    }

    /** A tenant's month in one currency (see MonthlyStatement): sums of postings, so closing = opening + net. */
    public Uni<MonthlyStatement> month(String tenant, String currency, YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Tuple args = Tuple.of(tenant, currency, SqlTime.utc(from), SqlTime.utc(to));
        Uni<List<MonthlyStatement.AccountMonth>> accounts = pool.preparedQuery("""
                        select a.kind,
                            coalesce(sum(p.amount) filter (where e.at < $3), 0) as opening,
                            coalesce(sum(greatest(p.amount, 0)) filter (where e.at >= $3 and e.at < $4), 0) as credits,
                            coalesce(sum(greatest(-p.amount, 0)) filter (where e.at >= $3 and e.at < $4), 0) as debits
                        from account a
                        left join posting p on p.account_id = a.id
                        left join journal_entry e on e.id = p.entry_id
                        where a.tenant = $1 and a.currency = $2
                        group by a.kind order by a.kind""")
                .execute(args)
                .map(rows -> {
                    List<MonthlyStatement.AccountMonth> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new MonthlyStatement.AccountMonth(
                                AccountKind.valueOf(r.getString("kind")),
                                r.getLong("opening"),
                                r.getLong("credits"),
                                r.getLong("debits")));
                    }
                    return list;
                });
        Uni<List<StatementLine>> lines = pool.preparedQuery("""
                        select e.id, e.at, e.kind, e.reference, a.currency, a.kind as account, p.amount, p.balance_after
                        from posting p
                        join account a on a.id = p.account_id
                        join journal_entry e on e.id = p.entry_id
                        where a.tenant = $1 and a.currency = $2 and e.at >= $3 and e.at < $4
                        order by e.at, e.id, a.kind""").execute(args).map(Ledger::lines);
        return Uni.combine().all().unis(accounts, lines).asTuple().map(t -> {
            Map<EntryKind, long[]> byKind = new TreeMap<>();
            UUID previous = null;
            for (StatementLine l : t.getItem2()) {
                long[] total = byKind.computeIfAbsent(l.kind(), k -> new long[2]);
                if (!l.entryId().equals(previous)) {
                    total[0]++;
                }
                total[1] += l.amount();
                previous = l.entryId();
            }
            List<MonthlyStatement.KindTotal> kinds = new ArrayList<>();
            byKind.forEach((kind, total) -> kinds.add(new MonthlyStatement.KindTotal(kind, total[0], total[1])));
            return new MonthlyStatement(tenant, currency, month, from, to, t.getItem1(), kinds, t.getItem2());
        });
    }

    /** The exchange's totals per currency, with the money of fills per hub (see LedgerTotals). */
    public Uni<List<LedgerTotals>> totals() {
        Uni<Map<String, List<LedgerTotals.HubMoney>>> hubs = pool.query("""
                        with fills as (
                            select currency, hub, count(*) filter (where state <> 'REFUNDED') as fills,
                                coalesce(sum(cost) filter (where state <> 'REFUNDED'), 0) as traded,
                                coalesce(sum(cost - released) filter (where state <> 'REFUNDED'), 0) as escrow,
                                coalesce(sum(paid_out) filter (where state <> 'REFUNDED'), 0) as paid_out,
                                coalesce(sum(fees) filter (where state <> 'REFUNDED'), 0) as fees,
                                coalesce(sum(refunded), 0) as refunded,
                                coalesce(sum(credited) filter (where state <> 'REFUNDED'), 0) as sla_credited
                            from lease_settlement group by currency, hub),
                        vouchers as (
                            select v.currency, u.hub, sum(u.amount) as redeemed
                            from voucher_use u join voucher v on v.id = u.voucher_id
                            where u.returned_at is null group by v.currency, u.hub)
                        select f.*, coalesce(v.redeemed, 0) as vouchers_redeemed
                        from fills f left join vouchers v on v.currency = f.currency and v.hub is not distinct from f.hub
                        order by f.currency, f.hub""")
                .execute()
                .map(rows -> {
                    Map<String, List<LedgerTotals.HubMoney>> byCurrency = new HashMap<>();
                    for (Row r : rows) {
                        byCurrency
                                .computeIfAbsent(r.getString("currency"), c -> new ArrayList<>())
                                .add(new LedgerTotals.HubMoney(
                                        r.getString("hub"),
                                        r.getLong("fills"),
                                        r.getLong("traded"),
                                        r.getLong("escrow"),
                                        r.getLong("paid_out"),
                                        r.getLong("fees"),
                                        r.getLong("refunded"),
                                        r.getLong("vouchers_redeemed"),
                                        r.getLong("sla_credited")));
                    }
                    return byCurrency;
                });
        return hubs.chain(this::accountTotals);
    }

    /** The accounts' totals per currency, each with its hubs' money from {@code hubs}. */
    private Uni<List<LedgerTotals>> accountTotals(Map<String, List<LedgerTotals.HubMoney>> hubs) {
        return pool.query("""
                        select currency,
                            coalesce(sum(debits - credits) filter (where kind = 'BANK'), 0) as paid_in,
                            coalesce(sum(greatest(credits - debits, 0)) filter (where kind = 'AVAILABLE'), 0) as available,
                            coalesce(sum(greatest(debits - credits, 0)) filter (where kind = 'AVAILABLE'), 0) as credit_in_use,
                            coalesce(sum(credit_limit) filter (where kind = 'AVAILABLE'), 0) as credit_limits,
                            coalesce(sum(credits - debits) filter (where kind = 'HELD'), 0) as held,
                            coalesce(sum(credits - debits) filter (where kind = 'ESCROW'), 0) as escrow,
                            coalesce(sum(credits - debits) filter (where kind = 'PAYABLE'), 0) as payable,
                            coalesce(sum(credits - debits) filter (where kind = 'FEES'), 0) as fees,
                            coalesce(sum(credits - debits) filter (where kind = 'VOUCHER'), 0) as vouchers_outstanding,
                            coalesce(sum(credits - debits) filter (where kind = 'PROGRAM_LAPSED'), 0) as vouchers_lapsed,
                            count(distinct tenant) filter (where kind = 'AVAILABLE') as tenants
                        from account group by currency order by currency""").execute().map(rows -> {
            List<LedgerTotals> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new LedgerTotals(
                        r.getString("currency"),
                        r.getLong("paid_in"),
                        r.getLong("available"),
                        r.getLong("credit_in_use"),
                        r.getLong("credit_limits"),
                        r.getLong("held"),
                        r.getLong("escrow"),
                        r.getLong("payable"),
                        r.getLong("fees"),
                        r.getLong("vouchers_outstanding"),
                        r.getLong("vouchers_lapsed"),
                        r.getLong("tenants"),
                        hubs.getOrDefault(r.getString("currency"), List.of())));
            }
            return list;
        });
    }

    private static List<StatementLine> lines(RowSet<Row> rows) {
        List<StatementLine> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(new StatementLine(
                    r.getUUID("id"),
                    r.getOffsetDateTime("at").toInstant(),
                    EntryKind.valueOf(r.getString("kind")),
                    r.getString("reference"),
                    r.getString("currency"),
                    AccountKind.valueOf(r.getString("account")),
                    r.getLong("amount"),
                    r.getLong("balance_after")));
        }
        return lines;
    }

    /** Whether the database refused a change for the named constraint (or unique index). */
    public static boolean violated(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && constraint.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
