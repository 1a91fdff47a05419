package io.flopx.settlement.service;

/** Money received for a tenant: what a reconciled bank transfer (or a payment provider's webhook) reports. */
public record TopUp(String tenant, String currency, long amount, String reference) {

    /** What makes two top-ups the same request under one idempotency key. */
    String fingerprint() {
        return tenant + "|" + currency + "|" + amount + "|" + (reference == null ? "" : reference);
    }
}
