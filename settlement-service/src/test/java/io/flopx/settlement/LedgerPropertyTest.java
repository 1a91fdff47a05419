package io.flopx.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.service.AccountService;
import io.flopx.settlement.service.TopUp;
import io.flopx.settlement.service.TradeSettlement;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of top-ups, fills (in batches, with redeliveries), refusals (some twice, some before
 * their fill would be paid) and payout rounds at a clock that moves forward, on the real ledger: afterwards
 * every entry balances, every account holds the sum of its postings, each buyer's money is what it paid in
 * less what its standing fills cost, each provider's escrow is what its leases have not released, the fees are
 * what the leases kept, and each fill was traded once and refunded at most once.
 */
@QuarkusTest
class LedgerPropertyTest extends SettlementTestBase {

    @Inject
    TradeSettlement settlement;

    @Inject
    AccountService accounts;

    @Test
    void randomSequencesKeepTheLedgerConsistent() throws Exception {
        Random random = new Random(42);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> buyers = List.of("pb1-" + run, "pb2-" + run, "pb3-" + run);
        List<String> providers = List.of("pp1-" + run, "pp2-" + run);
        Map<String, Long> paidIn = new HashMap<>();
        List<Lease> traded = new ArrayList<>();
        Map<UUID, Boolean> refused = new HashMap<>();
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant clock = base;
        for (int step = 0; step < 300; step++) {
            int action = random.nextInt(10);
            if (action < 2) {
                String buyer = buyers.get(random.nextInt(buyers.size()));
                long amount = 1 + random.nextInt(1_000_000);
                accounts.topUp("flopx-ops", "prop-" + run + "-" + step, new TopUp(buyer, "CNY", amount, "prop"))
                        .await()
                        .indefinitely();
                paidIn.merge(buyer, amount, Long::sum);
            } else if (action < 6) {
                List<Lease> batch = new ArrayList<>();
                for (int i = random.nextInt(4); i >= 0; i--) {
                    Instant start = base.plus(Duration.ofHours(random.nextInt(12) - 4));
                    batch.add(Lease.traded(
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            buyers.get(random.nextInt(buyers.size())),
                            providers.get(random.nextInt(providers.size())),
                            List.of("ningxia", "gansu", "guizhou").get(random.nextInt(3)),
                            "CNY",
                            1 + random.nextInt(16),
                            start,
                            start.plus(Duration.ofHours(1 + random.nextInt(6))),
                            1 + random.nextInt(500_000),
                            clock));
                }
                // A redelivery: a batch holding fills already settled.
                if (!traded.isEmpty() && random.nextBoolean()) {
                    batch.add(traded.get(random.nextInt(traded.size())));
                }
                settlement.traded(batch).await().indefinitely();
                batch.stream().filter(l -> !traded.contains(l)).forEach(traded::add);
            } else if (action < 8) {
                if (!traded.isEmpty()) {
                    Lease l = traded.get(random.nextInt(traded.size()));
                    settlement.refused(l.fillId(), "oversold", clock).await().indefinitely();
                    refused.put(l.fillId(), true);
                }
            } else {
                clock = clock.plus(Duration.ofMinutes(random.nextInt(180)));
                while (settlement.payOutDue(clock, 500).await().indefinitely() == 500) {
                    // another round until nothing is due
                }
            }
        }

        String mine = tenantsIn(buyers, providers);
        assertEquals(
                0,
                count("select count(*) from (select p.entry_id from posting p join account a on a.id = "
                        + "p.account_id where a.tenant in " + mine
                        + " group by p.entry_id) e where (select sum(amount) from "
                        + "posting where entry_id = e.entry_id) <> 0"));
        assertEquals(
                0,
                count(
                        "select count(*) from account a where a.tenant in " + mine
                                + " and a.credits - a.debits <> coalesce((select sum(amount) from posting p where p.account_id = a.id), 0)"));
        for (String buyer : buyers) {
            long standing = traded.stream()
                    .filter(l -> l.buyer().equals(buyer) && !refused.containsKey(l.fillId()))
                    .mapToLong(Lease::cost)
                    .sum();
            assertEquals(
                    paidIn.getOrDefault(buyer, 0L) - standing,
                    count("select coalesce(sum(credits - debits), 0) from account where tenant = '" + buyer
                            + "' and kind = 'AVAILABLE'"),
                    buyer);
        }
        for (String provider : providers) {
            assertEquals(
                    count("select coalesce(sum(cost - released), 0) from lease_settlement where provider = '" + provider
                            + "' and state <> 'REFUNDED'"),
                    count("select coalesce(sum(credits - debits), 0) from account where tenant = '" + provider
                            + "' and kind = 'ESCROW'"),
                    provider);
            assertEquals(
                    count("select coalesce(sum(paid_out), 0) from lease_settlement where provider = '" + provider
                            + "' and state <> 'REFUNDED'"),
                    count("select coalesce(sum(credits - debits), 0) from account where tenant = '" + provider
                            + "' and kind = 'PAYABLE'"),
                    provider);
        }
        // One snapshot: the exchange's fees are what every standing lease kept (payout rounds run meanwhile).
        assertEquals(
                0,
                count("select (select coalesce(sum(credits - debits), 0) from account where kind = 'FEES' "
                        + "and currency = 'CNY') - (select coalesce(sum(fees), 0) from lease_settlement where currency = 'CNY' "
                        + "and state <> 'REFUNDED')"));
        for (Lease l : traded) {
            String entries = "select count(*) from journal_entry where reference = '" + l.fillId() + "' and kind = ";
            assertEquals(1, count(entries + "'TRADE'"), l.fillId().toString());
            assertEquals(refused.containsKey(l.fillId()) ? 1 : 0, count(entries + "'TRADE_REFUNDED'"));
        }
        assertEquals(traded.size(), count("select count(*) from lease_settlement where buyer in " + mine));
    }

    private static String tenantsIn(List<String> buyers, List<String> providers) {
        List<String> all = new ArrayList<>(buyers);
        all.addAll(providers);
        return "(" + String.join(",", all.stream().map(t -> "'" + t + "'").toList()) + ")";
    }
}
