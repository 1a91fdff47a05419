package io.flopx.settlement.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One fill as settlement sees it: a lease of {@code devices} for the hour slots from {@code start} to {@code
 * end}, its {@code cost}, and how far its money has moved. The journal entries that move it are made here, so
 * that the rules (what a trade, a slot's payout and a refund post) are plain Java, tested without a database.
 *
 * @param released gross money out of escrow so far (= paidOut + fees)
 * @param nextPayoutAt when the next hour slot ends, or null when nothing is left to release
 */
public record Lease(
        UUID fillId,
        UUID orderId,
        UUID offeringId,
        String buyer,
        String provider,
        String hub,
        String currency,
        int devices,
        Instant start,
        Instant end,
        long cost,
        int feeBps,
        int slotsPaid,
        long released,
        long paidOut,
        long fees,
        long refunded,
        Instant nextPayoutAt,
        LeaseState state,
        Instant tradedAt,
        String refundReason) {

    public static final int BPS = 10_000;

    /** A lease just traded: everything in escrow, its first payout when its first slot ends. */
    public static Lease traded(
            UUID fillId,
            UUID orderId,
            UUID offeringId,
            String buyer,
            String provider,
            String hub,
            String currency,
            int devices,
            Instant start,
            Instant end,
            long cost,
            Instant tradedAt) {
        return new Lease(
                fillId,
                orderId,
                offeringId,
                buyer,
                provider,
                hub,
                currency,
                devices,
                start,
                end,
                cost,
                0,
                0,
                0,
                0,
                0,
                0,
                start.plus(Duration.ofHours(1)),
                LeaseState.ESCROWED,
                tradedAt,
                null);
    }

    public int hours() {
        return (int) Duration.between(start, end).toHours();
    }

    /** What is still in the provider's escrow. */
    public long escrow() {
        return state == LeaseState.REFUNDED ? 0 : cost - released;
    }

    /** The trade: the buyer's money to the provider's escrow, once per fill. */
    public JournalEntry tradeEntry() {
        return new JournalEntry(
                entryId("trade", fillId),
                EntryKind.TRADE,
                buyer,
                currency,
                cost,
                fillId.toString(),
                AccountRef.EXCHANGE,
                null,
                null,
                tradedAt,
                List.of(
                        Posting.debit(AccountRef.available(buyer, currency), cost),
                        Posting.credit(escrowAccount(), cost)));
    }

    /** Hour slots that have ended by {@code now}, at most all of them. */
    public int slotsPassed(Instant now) {
        if (!now.isAfter(start)) {
            return 0;
        }
        return (int) Math.min(hours(), Duration.between(start, now).toHours());
    }

    /**
     * The slots passed since the last payout, paid: escrow to the provider's payable, less the fee to the
     * exchange, and the lease as it stands after. Amounts are cumulative (the first {@code n} slots are worth
     * {@code cost * n / hours}, and their fee {@code that * feeBps / 10000}, both rounded down), so rounding
     * never drifts and the last slot leaves escrow at exactly zero. Empty when no slot passed since.
     */
    public Optional<Move> payout(Instant now) {
        int slots = slotsPassed(now);
        if (state == LeaseState.REFUNDED || slots <= slotsPaid) {
            return Optional.empty();
        }
        long gross = Math.multiplyExact(cost, (long) slots) / hours();
        long fee = Math.multiplyExact(gross, (long) feeBps) / BPS;
        long grossNow = gross - released;
        long feeNow = fee - fees;
        long netNow = grossNow - feeNow;
        if (grossNow == 0) {
            // Slots so cheap that rounding left them nothing yet: only the count moves.
            return Optional.of(new Move(null, advanced(slots, gross, fee)));
        }
        List<Posting> postings = new ArrayList<>(3);
        postings.add(Posting.debit(escrowAccount(), grossNow));
        if (netNow > 0) {
            postings.add(Posting.credit(new AccountRef(provider, currency, AccountKind.PAYABLE), netNow));
        }
        if (feeNow > 0) {
            postings.add(Posting.credit(feesAccount(currency), feeNow));
        }
        JournalEntry entry = new JournalEntry(
                entryId("escrow-released:" + slots, fillId),
                EntryKind.ESCROW_RELEASED,
                provider,
                currency,
                grossNow,
                fillId.toString(),
                AccountRef.EXCHANGE,
                null,
                null,
                now,
                postings);
        return Optional.of(new Move(entry, advanced(slots, gross, fee)));
    }

    private Lease advanced(int slots, long gross, long fee) {
        Instant next = slots < hours() ? start.plus(Duration.ofHours(slots + 1L)) : null;
        LeaseState s = slots < hours() ? LeaseState.PAYING_OUT : LeaseState.PAID_OUT;
        return moved(slots, gross, gross - fee, fee, refunded, next, s, refundReason);
    }

    /** This lease with its money moved on (what was leased, and what it cost, never change). */
    private Lease moved(
            int slots,
            long released,
            long paidOut,
            long fees,
            long refunded,
            Instant nextPayoutAt,
            LeaseState state,
            String refundReason) {
        return new Lease(
                fillId,
                orderId,
                offeringId,
                buyer,
                provider,
                hub,
                currency,
                devices,
                start,
                end,
                cost,
                feeBps,
                slots,
                released,
                paidOut,
                fees,
                refunded,
                nextPayoutAt,
                state,
                tradedAt,
                refundReason);
    }

    /** What a payout or a refund posts (null when rounding left the slots nothing) and the lease after it. */
    public record Move(JournalEntry entry, Lease lease) {}

    /**
     * A refused fill, refunded in full: the buyer gets the whole cost back, from what is still in escrow and,
     * if slots were already paid out, from the provider's payable and the exchange's fees. Empty when it was
     * refunded already.
     */
    public Optional<Move> refund(String reason, Instant at) {
        if (state == LeaseState.REFUNDED) {
            return Optional.empty();
        }
        List<Posting> postings = new ArrayList<>(4);
        postings.add(Posting.credit(AccountRef.available(buyer, currency), cost));
        if (cost - released > 0) {
            postings.add(Posting.debit(escrowAccount(), cost - released));
        }
        if (paidOut > 0) {
            postings.add(Posting.debit(new AccountRef(provider, currency, AccountKind.PAYABLE), paidOut));
        }
        if (fees > 0) {
            postings.add(Posting.debit(feesAccount(currency), fees));
        }
        JournalEntry entry = new JournalEntry(
                entryId("trade-refunded", fillId),
                EntryKind.TRADE_REFUNDED,
                buyer,
                currency,
                cost,
                fillId.toString(),
                AccountRef.EXCHANGE,
                null,
                null,
                at,
                postings);
        Lease after = moved(slotsPaid, released, paidOut, fees, cost, null, LeaseState.REFUNDED, reason);
        return Optional.of(new Move(entry, after));
    }

    private AccountRef escrowAccount() {
        return new AccountRef(provider, currency, AccountKind.ESCROW);
    }

    private static AccountRef feesAccount(String currency) {
        return new AccountRef(AccountRef.EXCHANGE, currency, AccountKind.FEES);
    }

    /** Entry ids derived from the fill's, so that a redelivered event finds its entry already there. */
    private static UUID entryId(String what, UUID fillId) {
        return UUID.nameUUIDFromBytes((what + ":" + fillId).getBytes(StandardCharsets.UTF_8));
    }
}
