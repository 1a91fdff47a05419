package io.flopx.settlement.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Consumed from {@code voucher-draws} (key: the fill), written by order-service, which holds orders against
 * compute vouchers and decides what each fill draws from them: {@code VOUCHER_DRAWN} when it applied the fill,
 * {@code VOUCHER_RETURNED} when the fill was reversed. Guarded by the contract fixture
 * {@code contracts/voucher-drawn.json}.
 */
// A tolerant reader: the producer may add fields.
@JsonIgnoreProperties(ignoreUnknown = true)
public record VoucherDrawEvent(
        String type,
        UUID fillId,
        UUID orderId,
        String tenant,
        String currency,
        String hub,
        Instant at,
        List<Draw> draws) {

    public static final String VOUCHER_DRAWN = "VOUCHER_DRAWN";
    public static final String VOUCHER_RETURNED = "VOUCHER_RETURNED";

    /** What the fill drew from (or gave back to) one voucher, in minor units. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Draw(UUID voucherId, long amount) {}
}
