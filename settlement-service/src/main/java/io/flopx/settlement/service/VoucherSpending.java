package io.flopx.settlement.service;

import io.flopx.settlement.domain.AccountKind;
import io.flopx.settlement.domain.AccountRef;
import io.flopx.settlement.domain.JournalEntry;
import io.flopx.settlement.domain.Posting;
import io.flopx.settlement.repository.Ledger;
import io.flopx.settlement.repository.Vouchers;
import io.flopx.settlement.repository.Vouchers.Spendable;
import io.flopx.support.messaging.PermanentFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compute vouchers paying for fills. order-service holds orders against vouchers and decides what each fill
 * draws (see its README); this ledger moves the value: from each voucher's account to the buyer's AVAILABLE
 * account, which the fill's TRADE debits in full, so the voucher pays that part of it and the buyer's money
 * the rest. A draw that reaches the ledger after its voucher lapsed takes the value from the program's LAPSED
 * account instead (the lapse moved it there; order-service never holds more of a voucher than it had). Keyed
 * by the fill: redeliveries post nothing again.
 */
@ApplicationScoped
public class VoucherSpending {

    private final Vouchers vouchers;

    public VoucherSpending(Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    /** One use of vouchers by a fill: what it drew from each (or, returning, gave back to each). */
    public record Use(UUID fillId, String buyer, String currency, String hub, Instant at, Map<UUID, Long> amounts) {

        public Use {
            amounts = new LinkedHashMap<>(amounts);
            amounts.values().forEach(a -> {
                if (a <= 0) {
                    throw new IllegalArgumentException("a voucher draw is a positive amount: " + a);
                }
            });
        }
    }

    /** A fill drew on the buyer's vouchers. */
    public Uni<Void> drawn(Use use) {
        return vouchers.inTransaction(c -> vouchers.lockForSpending(
                        c, use.amounts().keySet())
                .invoke(found -> requireEligibleHub(use, found))
                .chain(found -> Ledger.postAll(
                        c,
                        List.of(JournalEntry.voucherDrawn(
                                use.fillId(), use.buyer(), use.currency(), postings(use, found, -1), use.at()))))
                .chain(() -> vouchers.recordUse(c, use.fillId(), use.hub(), use.amounts(), use.at())));
    }

    /**
     * A reversed fill gave its draws back. The buyer's AVAILABLE account pays them back even past its credit
     * limit, as a trade settles (the fill's refund, on another topic, may not have landed yet).
     */
    public Uni<Void> returned(Use use) {
        return vouchers.inTransaction(c -> Ledger.settlingTrades(c)
                .chain(() -> vouchers.lockForSpending(c, use.amounts().keySet()))
                .chain(found -> Ledger.postAll(
                        c,
                        List.of(JournalEntry.voucherReturned(
                                use.fillId(), use.buyer(), use.currency(), postings(use, found, +1), use.at()))))
                .chain(() -> vouchers.recordReturn(c, use.fillId(), use.at())));
    }

    /**
     * order-service draws only on vouchers eligible for the fill; the ledger checks what it can see (the hub)
     * rather than take its word for it.
     */
    private static void requireEligibleHub(Use use, Map<UUID, Spendable> found) {
        found.values().forEach(v -> {
            if (!v.hubs().isEmpty() && !v.hubs().contains(use.hub())) {
                throw new PermanentFailure("voucher " + v.id() + " does not pay for fills in " + use.hub() + " (fill "
                        + use.fillId() + ")");
            }
        });
    }

    /** Each voucher's posting (sign -1 debits it, +1 credits it): its own account, or its program's LAPSED one. */
    private static List<Posting> postings(Use use, Map<UUID, Spendable> found, int sign) {
        List<Posting> postings = new ArrayList<>();
        use.amounts().forEach((id, amount) -> {
            Spendable v = found.get(id);
            if (v == null || !v.tenant().equals(use.buyer()) || !v.currency().equals(use.currency())) {
                throw new PermanentFailure("voucher " + id + " is not " + use.buyer() + "'s in " + use.currency());
            }
            AccountRef account = v.lapsed()
                    ? new AccountRef(AccountRef.programTenant(v.program()), v.currency(), AccountKind.PROGRAM_LAPSED)
                    : new AccountRef(v.tenant(), v.currency(), AccountKind.VOUCHER, v.id());
            postings.add(new Posting(account, sign * amount));
        });
        return postings;
    }
}
