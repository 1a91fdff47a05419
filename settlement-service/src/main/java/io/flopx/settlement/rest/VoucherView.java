package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Voucher;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A voucher with what it has left (minor units) and its state: ACTIVE, SPENT or EXPIRED. */
public record VoucherView(
        UUID id,
        String program,
        String tenant,
        String currency,
        long amount,
        long remaining,
        String status,
        Instant issuedAt,
        Instant expiresAt,
        Instant lapsedAt,
        List<String> hubs,
        String minGreenRating,
        BigDecimal maxPue) {

    static VoucherView of(Voucher v, Instant now) {
        return new VoucherView(
                v.id(),
                v.program(),
                v.tenant(),
                v.currency(),
                v.amount(),
                v.remaining(),
                v.status(now),
                v.issuedAt(),
                v.expiresAt(),
                v.lapsedAt(),
                v.hubs(),
                v.minGreenRating() == null ? null : v.minGreenRating() + "A",
                v.maxPueMilli() == null ? null : BigDecimal.valueOf(v.maxPueMilli(), 3));
    }
}
