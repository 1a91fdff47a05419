package io.flopx.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A compute voucher as settlement-service issued it: its holder, value, expiry and eligibility (the hubs it
 * may buy in, none listed meaning any; a minimum green rating, 1 to 5 for 1A to 5A; a maximum PUE in
 * thousandths; each optional).
 */
public record VoucherTerms(
        UUID id,
        String tenant,
        String currency,
        long amount,
        Instant expiresAt,
        List<String> hubs,
        Integer minGreenRating,
        Integer maxPueMilli) {

    public VoucherTerms {
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
    }

    /**
     * Whether this voucher may back the order: every fill the order can get is one the voucher may pay for,
     * before it expires. The order's own constraints must imply the voucher's: its hubs all among the
     * voucher's, a green rating at least the voucher's minimum, a PUE at most the voucher's maximum; and the
     * order must stop trading (its good-till time, or now for an immediate-or-cancel order) before the voucher
     * expires. A voucher that backs an order at placement still backs it at every fill. (The one-statement
     * placement asks the same in SQL, OrderPlacements.BACKING_VOUCHER, to know when to leave vouchers to
     * BackedPlacement.)
     */
    public boolean backs(ComputeOrder o) {
        if (!tenant.equals(o.tenant) || !currency.equals(o.currency)) {
            return false;
        }
        Instant lastTrade = o.goodTill == null ? o.createdAt : o.goodTill;
        if (!expiresAt.isAfter(lastTrade)) {
            return false;
        }
        if (!hubs.isEmpty() && (o.allowedHubs.isEmpty() || !hubs.containsAll(o.allowedHubs))) {
            return false;
        }
        if (minGreenRating != null && (o.minGreenRating == null || o.minGreenRating < minGreenRating)) {
            return false;
        }
        return maxPueMilli == null || o.maxPueMilli != null && o.maxPueMilli <= maxPueMilli;
    }
}
