package io.flopx.settlement.rest;

import io.flopx.settlement.domain.StatementLine;
import java.time.Instant;
import java.util.UUID;

/** One posting to one of the tenant's accounts: signed (credit positive), with the account's balance after it. */
public record StatementLineView(
        UUID entryId,
        Instant at,
        String kind,
        String reference,
        String currency,
        String account,
        long amount,
        long balanceAfter) {

    static StatementLineView of(StatementLine l) {
        return new StatementLineView(
                l.entryId(),
                l.at(),
                l.kind().name(),
                l.reference(),
                l.currency(),
                l.account().name(),
                l.amount(),
                l.balanceAfter());
    }
}
