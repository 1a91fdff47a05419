package io.flopx.settlement.service;

import java.time.Instant;
import java.util.List;

/** A program gives an enterprise a voucher: value, currency, expiry and where it may be spent. */
public record IssueVoucher(
        String program,
        String tenant,
        String currency,
        long amount,
        Instant expiresAt,
        List<String> hubs,
        Integer minGreenRating,
        Integer maxPueMilli) {

    /** What makes two issuances the same request under one idempotency key. */
    String fingerprint() {
        return String.join(
                "|",
                program,
                tenant,
                currency,
                Long.toString(amount),
                expiresAt.toString(),
                String.join(",", hubs),
                String.valueOf(minGreenRating),
                String.valueOf(maxPueMilli));
    }
}
