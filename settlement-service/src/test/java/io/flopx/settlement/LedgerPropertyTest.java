package io.flopx.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.service.AccountService;
import io.flopx.settlement.service.IssueVoucher;
import io.flopx.settlement.service.TopUp;
import io.flopx.settlement.service.TradeSettlement;
import io.flopx.settlement.service.VoucherService;
import io.flopx.settlement.service.VoucherSpending;
import io.flopx.support.messaging.PermanentFailure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of top-ups, fills (in batches, with redeliveries), voucher draws (some delivered twice, some
 * outside the voucher's hubs), refusals (some twice, some before their fill would be paid, giving their draws
 * back) and payout rounds at a clock that moves forward, on the real ledger: afterwards every entry balances,
 * every account holds the sum of its postings, each buyer's money is what it paid in less what its standing
 * fills cost plus what vouchers paid of them, each voucher holds what it was issued less its standing draws
 * (never below zero, never drawn outside its hubs), each provider's escrow is what its leases have not
 * released, the fees are what the leases kept, and each fill was traded once and refunded at most once.
 */
@QuarkusTest
class LedgerPropertyTest extends SettlementTestBase {

    @Inject
    TradeSettlement settlement;

    @Inject
    AccountService accounts;

    @Inject
    VoucherService vouchers;

    @Inject
    VoucherSpending spending;

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
        // Each buyer's vouchers: one for two hubs, one for any hub; what each has left, as order-service sees it.
        Map<String, List<UUID>> vouchersOf = new HashMap<>();
        Map<UUID, List<String>> hubsOf = new HashMap<>();
        Map<UUID, Long> left = new HashMap<>();
        Map<UUID, Long> issued = new HashMap<>();
        for (String buyer : buyers) {
            for (List<String> hubs : List.of(List.of("ningxia", "gansu"), List.<String>of())) {
                long amount = 500_000 + random.nextInt(1_500_000);
                UUID id = vouchers.issue(
                                "flopx-ops",
                                "prop-voucher-" + buyer + hubs.size(),
                                new IssueVoucher(
                                        "prop-" + run,
                                        buyer,
                                        "CNY",
                                        amount,
                                        base.plus(Duration.ofDays(30 + hubs.size())),
                                        hubs,
                                        null,
                                        null))
                        .await()
                        .indefinitely()
                        .voucher()
                        .id();
                vouchersOf.computeIfAbsent(buyer, b -> new ArrayList<>()).add(id);
                hubsOf.put(id, hubs);
                left.put(id, amount);
                issued.put(id, amount);
            }
        }
        Map<UUID, VoucherSpending.Use> draws = new HashMap<>();
        // How often the sequence reached the paths that are rarer than the rest: it must reach each of them.
        int refusedOutside = 0;
        int drawsReturned = 0;
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
                for (Lease l : batch) {
                    if (!traded.contains(l)) {
                        traded.add(l);
                        if (random.nextBoolean()) {
                            draw(l, vouchersOf, hubsOf, left, draws, random);
                        }
                    }
                }
                // A voucher drawn on for a fill outside its hubs is refused, and moves nothing.
                Lease somewhere = traded.get(random.nextInt(traded.size()));
                UUID twoHubs = vouchersOf.get(somewhere.buyer()).get(0);
                if (random.nextInt(8) == 0 && !hubsOf.get(twoHubs).contains(somewhere.hub())) {
                    VoucherSpending.Use outside = new VoucherSpending.Use(
                            UUID.randomUUID(), somewhere.buyer(), "CNY", somewhere.hub(), clock, Map.of(twoHubs, 1L));
                    assertThrows(
                            PermanentFailure.class,
                            () -> spending.drawn(outside).await().indefinitely());
                    refusedOutside++;
                }
            } else if (action < 8) {
                if (!traded.isEmpty()) {
                    Lease l = traded.get(random.nextInt(traded.size()));
                    settlement.refused(l.fillId(), "oversold", clock).await().indefinitely();
                    VoucherSpending.Use drawn = draws.get(l.fillId());
                    if (drawn != null) {
                        // order-service gives a reversed fill's draws back once; the event may come twice.
                        if (!refused.containsKey(l.fillId())) {
                            drawn.amounts().forEach((v, a) -> left.merge(v, a, Long::sum));
                        }
                        spending.returned(drawn).await().indefinitely();
                        drawsReturned++;
                    }
                    refused.put(l.fillId(), true);
                }
            } else {
                clock = clock.plus(Duration.ofMinutes(random.nextInt(180)));
                while (settlement.payOutDue(clock, 500).await().indefinitely() == 500) {
                    // another round until nothing is due
                }
            }
        }

        assertTrue(
                refusedOutside > 0 && drawsReturned > 0 && draws.size() > 10,
                "refused outside the hubs " + refusedOutside + ", returned " + drawsReturned + ", draws "
                        + draws.size());
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
            long paidByVouchers = draws.values().stream()
                    .filter(u -> u.buyer().equals(buyer) && !refused.containsKey(u.fillId()))
                    .mapToLong(u -> u.amounts().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .sum();
            assertEquals(
                    paidIn.getOrDefault(buyer, 0L) - standing + paidByVouchers,
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
        for (Map.Entry<UUID, Long> v : left.entrySet()) {
            long balance = count("select credits - debits from account where kind = 'VOUCHER' and voucher_id = '"
                    + v.getKey() + "'");
            assertEquals(v.getValue(), balance, "voucher " + v.getKey());
            assertTrue(balance >= 0 && balance <= issued.get(v.getKey()));
        }
        for (VoucherSpending.Use u : draws.values()) {
            String entries = "select count(*) from journal_entry where reference = '" + u.fillId() + "' and kind = ";
            assertEquals(1, count(entries + "'VOUCHER_DRAWN'"), u.fillId().toString());
            assertEquals(refused.containsKey(u.fillId()) ? 1 : 0, count(entries + "'VOUCHER_RETURNED'"));
        }
        assertEquals(
                0,
                count(
                        "select count(*) from voucher_use u join voucher v on v.id = u.voucher_id where v.program = 'prop-"
                                + run + "' and cardinality(v.hubs) > 0 and not u.hub = any(v.hubs)"));
    }

    /**
     * What order-service would decide a fill draws: its buyer's vouchers that pay in the fill's hub, soonest to
     * expire first (here: the two-hub voucher first), up to the fill's cost and what each has left. Delivered
     * once or twice.
     */
    private void draw(
            Lease l,
            Map<String, List<UUID>> vouchersOf,
            Map<UUID, List<String>> hubsOf,
            Map<UUID, Long> left,
            Map<UUID, VoucherSpending.Use> draws,
            Random random) {
        Map<UUID, Long> amounts = new LinkedHashMap<>();
        long wanted = l.cost();
        for (UUID v : vouchersOf.get(l.buyer())) {
            List<String> hubs = hubsOf.get(v);
            long x = Math.min(wanted, left.get(v));
            if ((hubs.isEmpty() || hubs.contains(l.hub())) && x > 0) {
                amounts.put(v, x);
                left.merge(v, -x, Long::sum);
                wanted -= x;
            }
        }
        if (amounts.isEmpty()) {
            return;
        }
        VoucherSpending.Use use = new VoucherSpending.Use(l.fillId(), l.buyer(), "CNY", l.hub(), l.tradedAt(), amounts);
        draws.put(l.fillId(), use);
        for (int i = random.nextInt(2); i >= 0; i--) {
            spending.drawn(use).await().indefinitely();
        }
    }

    private static String tenantsIn(List<String> buyers, List<String> providers) {
        List<String> all = new ArrayList<>(buyers);
        all.addAll(providers);
        return "(" + String.join(",", all.stream().map(t -> "'" + t + "'").toList()) + ")";
    }
}
