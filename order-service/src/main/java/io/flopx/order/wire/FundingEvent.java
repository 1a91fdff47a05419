package io.flopx.order.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.flopx.order.domain.VoucherTerms;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Consumed from {@code funding-events} (compacted): settlement-service's word on what a tenant may spend.
 * Either a tenant's funding in a currency after a change (key tenant|currency; type absent or
 * {@code FUNDING}), in minor units, a higher version being newer; or a compute voucher it issued (key
 * voucher|id; type {@code VOUCHER_ISSUED}, with the voucher's fields). Guarded by the contract fixtures
 * {@code contracts/funding-changed.json} and {@code contracts/voucher-issued.json}.
 */
// A tolerant reader: the producer may add fields.
@JsonIgnoreProperties(ignoreUnknown = true)
public record FundingEvent(
        String type,
        String tenant,
        String currency,
        long paidIn,
        long creditLimit,
        long version,
        UUID voucherId,
        long amount,
        Instant expiresAt,
        List<String> hubs,
        Integer minGreenRating,
        Integer maxPueMilli) {

    public static final String VOUCHER_ISSUED = "VOUCHER_ISSUED";

    public boolean isVoucher() {
        return VOUCHER_ISSUED.equals(type);
    }

    public VoucherTerms voucher() {
        return new VoucherTerms(voucherId, tenant, currency, amount, expiresAt, hubs, minGreenRating, maxPueMilli);
    }
}
