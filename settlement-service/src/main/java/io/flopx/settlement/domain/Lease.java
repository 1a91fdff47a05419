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
 * @param released gross money out of escrow so far (= paidOut + fees + credited)
 * @param credited SLA credits the buyer got back so far (see {@link SlaCredits})
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
        long credited,
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
     * Moves the lease's money to where {@code target} says it should be by now: escrow out for the slots
     * released and the credits, the provider's payable and the exchange's fee for the provider's share, the
     * buyer's available money for the credits. Amounts are cumulative (the fee is {@code gross * feeBps /
     * 10000}, rounded down), so one entry posts only the differences, and a credit found after a slot was paid
     * (an accepted dispute) takes back from the provider's payable and the fee what it now owes. {@code
     * nextCheck} is when to look again (null: never). Empty when nothing changes.
     */
    public Optional<Move> settleTo(SlaCredits target, Instant nextCheck, Instant now) {
        if (state == LeaseState.REFUNDED) {
            return Optional.empty();
        }
        long gross = target.gross();
        long fee = Math.multiplyExact(gross, (long) feeBps) / BPS;
        long releasedNow = gross + target.credited() - released;
        long creditedNow = target.credited() - credited;
        long netNow = (gross - fee) - paidOut;
        long feeNow = fee - fees;
        int slots = target.slots();
        Lease after = advanced(slots, gross + target.credited(), gross - fee, fee, target.credited(), nextCheck);
        if (releasedNow == 0 && creditedNow == 0 && netNow == 0 && feeNow == 0) {
            // Nothing to post (slots so cheap that rounding left them nothing yet, or a slot still awaiting its
            // report): only the count, or when to look again, moves.
            return after.equals(this) ? Optional.empty() : Optional.of(new Move(null, after));
        }
        List<Posting> postings = new ArrayList<>(4);
        addPosting(postings, escrowAccount(), -releasedNow);
        addPosting(postings, AccountRef.available(buyer, currency), creditedNow);
        addPosting(postings, new AccountRef(provider, currency, AccountKind.PAYABLE), netNow);
        addPosting(postings, feesAccount(currency), feeNow);
        long moved =
                postings.stream().mapToLong(Posting::amount).filter(a -> a > 0).sum();
        boolean credit = creditedNow != 0;
        JournalEntry entry = new JournalEntry(
                credit
                        ? entryId("sla-credited:" + slots + ":" + target.credited(), fillId)
                        : entryId("escrow-released:" + slots, fillId),
                credit ? EntryKind.SLA_CREDITED : EntryKind.ESCROW_RELEASED,
                credit ? buyer : provider,
                currency,
                moved,
                fillId.toString(),
                AccountRef.EXCHANGE,
                null,
                null,
                now,
                postings);
        return Optional.of(new Move(entry, after));
    }

    private static void addPosting(List<Posting> postings, AccountRef account, long amount) {
        if (amount != 0) {
            postings.add(new Posting(account, amount));
        }
    }

    private Lease advanced(int slots, long released, long paidOut, long fees, long credited, Instant next) {
        LeaseState s = slots == 0 ? LeaseState.ESCROWED : slots < hours() ? LeaseState.PAYING_OUT : LeaseState.PAID_OUT;
        return moved(slots, released, paidOut, fees, credited, refunded, next, s, refundReason);
    }

    /** This lease with its money moved on (what was leased, and what it cost, never change). */
    private Lease moved(
            int slots,
            long released,
            long paidOut,
            long fees,
            long credited,
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
                credited,
                refunded,
                nextPayoutAt,
                state,
                tradedAt,
                refundReason);
    }

    /** What a payout or a refund posts (null when rounding left the slots nothing) and the lease after it. */
    public record Move(JournalEntry entry, Lease lease) {}

    /**
     * A refused fill, refunded in full: the buyer gets the whole cost back (less SLA credits it already got),
     * from what is still in escrow and, if slots were already paid out, from the provider's payable and the
     * exchange's fees. Empty when it was refunded already.
     */
    public Optional<Move> refund(String reason, Instant at) {
        if (state == LeaseState.REFUNDED) {
            return Optional.empty();
        }
        List<Posting> postings = new ArrayList<>(4);
        long back = cost - credited;
        Lease after = moved(slotsPaid, released, paidOut, fees, credited, back, null, LeaseState.REFUNDED, reason);
        if (back == 0) {
            return Optional.of(new Move(null, after));
        }
        postings.add(Posting.credit(AccountRef.available(buyer, currency), back));
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
                back,
                fillId.toString(),
                AccountRef.EXCHANGE,
                null,
                null,
                at,
                postings);
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
