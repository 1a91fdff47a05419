package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.UUID;

/** One posting to one of a tenant's accounts, with the account's balance right after it. */
public record StatementLine(
        UUID entryId,
        Instant at,
        EntryKind kind,
        String reference,
        String currency,
        AccountKind account,
        long amount,
        long balanceAfter) {}
