package io.flopx.order.repository;

import io.flopx.order.domain.BuyingPower;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenants' buying power (table {@code buying_power}): funding as settlement-service publishes it, and the
 * holds and charges this service moves with its orders. Changes made with an order through Hibernate run in
 * that order's transaction (after its row is written, so locks are always taken order first, then funds).
 */
@ApplicationScoped
public class BuyingPowerStore {

    private static final String COLUMNS = """
            b.tenant, b.currency, b.paid_in, b.credit_limit, b.charged, b.held, b.free,
                coalesce(v.left_over, 0) as vouchers_left, coalesce(v.held, 0) as vouchers_held,
                coalesce(v.drawn, 0) as vouchers_drawn""";

    private final Pool pool;

    public BuyingPowerStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes a tenant's funding as settlement-service published it, unless a newer version is already here
     * (events can be redelivered, and read again from the start of the compacted topic).
     */
    public Uni<Void> fund(String tenant, String currency, long paidIn, long creditLimit, long version) {
        return pool.preparedQuery("""
                        insert into buying_power (tenant, currency, paid_in, credit_limit, funding_version)
                        values ($1, $2, $3, $4, $5)
                        on conflict (tenant, currency) do update
                        set paid_in = excluded.paid_in, credit_limit = excluded.credit_limit,
                            funding_version = excluded.funding_version
                        where buying_power.funding_version < excluded.funding_version""")
                .execute(Tuple.of(tenant, currency, paidIn, creditLimit, version))
                .replaceWithVoid();
    }

    /** The tenant's buying power in every currency it has any in; every tenant's when {@code tenant} is null. */
    public Uni<List<BuyingPower>> of(String tenant) {
        return pool.preparedQuery("select " + COLUMNS + """
                         from buying_power b left join lateral (
                            select sum(amount - held - drawn) filter (where expires_at > now()) as left_over,
                                sum(held) as held, sum(drawn) as drawn
                            from voucher where tenant = b.tenant and currency = b.currency) v on true
                        where $1::text is null or b.tenant = $1 order by b.tenant, b.currency limit 1000""")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<BuyingPower> all = new ArrayList<>();
                    for (Row r : rows) {
                        all.add(new BuyingPower(
                                r.getString("tenant"),
                                r.getString("currency"),
                                r.getLong("paid_in"),
                                r.getLong("credit_limit"),
                                r.getLong("charged"),
                                r.getLong("held"),
                                r.getLong("free"),
                                r.getLong("vouchers_left"),
                                r.getLong("vouchers_held"),
                                r.getLong("vouchers_drawn")));
                    }
                    return all;
                });
    }

    /**
     * In the current Hibernate transaction: adds {@code more} (> 0) to the tenant's holds if its buying power
     * covers it. Returns whether it did.
     */
    public Uni<Boolean> holdIfCovered(String tenant, String currency, long more) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                                update buying_power set held = held + :more
                                where tenant = :tenant and currency = :currency
                                    and free >= :more""")
                        .setParameter("more", more)
                        .setParameter("tenant", tenant)
                        .setParameter("currency", currency)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    /**
     * In the current Hibernate transaction: moves the tenant's holds and charges by these amounts, whatever its
     * buying power (a release, or exposure the market already created). The row exists: whatever is released
     * or refunded was held or charged through it.
     */
    public Uni<Void> move(String tenant, String currency, long held, long charged) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                                update buying_power set held = held + :held, charged = charged + :charged
                                where tenant = :tenant and currency = :currency""")
                        .setParameter("tenant", tenant)
                        .setParameter("currency", currency)
                        .setParameter("held", held)
                        .setParameter("charged", charged)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** What the tenant may still commit in the currency, as committed (0 without funding), in minor units. */
    public Uni<Long> free(String tenant, String currency) {
        return pool.preparedQuery("select free from buying_power where tenant = $1 and currency = $2")
                .execute(Tuple.of(tenant, currency))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }
}
