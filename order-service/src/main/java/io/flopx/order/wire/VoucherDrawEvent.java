package io.flopx.order.wire;

import io.flopx.order.domain.VoucherBacking.Moved;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code voucher-draws} (key: the fill), for settlement-service's ledger: what a fill drew from
 * its buyer's vouchers ({@code VOUCHER_DRAWN}, when order-service applied the fill), or gave back to them
 * because the fill was reversed ({@code VOUCHER_RETURNED}). Guarded by the contract fixture
 * {@code contracts/voucher-drawn.json}.
 */
public record VoucherDrawEvent(
        String type,
        UUID fillId,
        UUID orderId,
        String tenant,
        String currency,
        String hub,
        Instant at,
        List<Moved> draws) {

    public static final String VOUCHER_DRAWN = "VOUCHER_DRAWN";
    public static final String VOUCHER_RETURNED = "VOUCHER_RETURNED";
}
