package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A compute voucher (算力券): value a program gives an enterprise to buy compute with, in one currency,
 * until it expires, only where it is eligible: in the listed hubs (none listed: any hub), at sites with at
 * least a green rating and at most a PUE, when the program asks for them.
 *
 * @param remaining what is left of it (its account's balance); 0 once lapsed
 * @param lapsedAt when its unspent value went back to the program, or null
 */
public record Voucher(
        UUID id,
        String program,
        String tenant,
        String currency,
        long amount,
        Instant expiresAt,
        List<String> hubs,
        Integer minGreenRating,
        Integer maxPueMilli,
        Instant issuedAt,
        Instant lapsedAt,
        long remaining) {

    public Voucher {
        hubs = List.copyOf(hubs);
    }

    /** The voucher's own account, whose balance is what it has left. */
    public AccountRef account() {
        return new AccountRef(tenant, currency, AccountKind.VOUCHER, id);
    }

    public String status(Instant now) {
        if (lapsedAt != null || !expiresAt.isAfter(now)) {
            return "EXPIRED";
        }
        return remaining == 0 ? "SPENT" : "ACTIVE";
    }
}
