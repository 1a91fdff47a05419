package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One movement of money: postings in one currency that sum to zero, each account at most once, applied
 * exactly once under its id. The database checks the sum again at commit (journal_entry_balanced).
 *
 * @param tenant whose statement shows the entry (the account holder it is about)
 * @param amount what moved, in minor units (positive)
 * @param requestedBy who asked (for a top-up, the operator's tenant): idempotency keys are theirs
 */
public record JournalEntry(
        UUID id,
        EntryKind kind,
        String tenant,
        String currency,
        long amount,
        String reference,
        String requestedBy,
        String idempotencyKey,
        String requestHash,
        Instant at,
        List<Posting> postings) {

    public JournalEntry {
        postings = List.copyOf(postings);
        if (amount <= 0) {
            throw new IllegalArgumentException("an entry moves a positive amount");
        }
        long sum = 0;
        Set<AccountRef> accounts = new HashSet<>();
        for (Posting p : postings) {
            if (!p.account().currency().equals(currency)) {
                throw new IllegalArgumentException("an entry is in one currency: " + p);
            }
            if (!accounts.add(p.account())) {
                throw new IllegalArgumentException("an account appears twice in one entry: " + p.account());
            }
            sum = Math.addExact(sum, p.amount());
        }
        if (postings.size() < 2 || sum != 0) {
            throw new IllegalArgumentException("the postings of an entry must balance: " + postings);
        }
    }

    /**
     * Money received for a tenant (what a reconciled bank transfer would be): the exchange's BANK account is
     * debited, the tenant's AVAILABLE credited.
     */
    public static JournalEntry topUp(
            UUID id,
            String tenant,
            String currency,
            long amount,
            String reference,
            String requestedBy,
            String idempotencyKey,
            String requestHash,
            Instant at) {
        return new JournalEntry(
                id,
                EntryKind.TOP_UP,
                tenant,
                currency,
                amount,
                reference,
                requestedBy,
                idempotencyKey,
                requestHash,
                at,
                List.of(
                        Posting.debit(AccountRef.bank(currency), amount),
                        Posting.credit(AccountRef.available(tenant, currency), amount)));
    }

    /** A program gives an enterprise a voucher: the program's ISSUED account pays into the voucher's own. */
    public static JournalEntry voucherIssued(Voucher v, String requestedBy, String idempotencyKey, String requestHash) {
        return new JournalEntry(
                v.id(),
                EntryKind.VOUCHER_ISSUED,
                v.tenant(),
                v.currency(),
                v.amount(),
                v.program(),
                requestedBy,
                idempotencyKey,
                requestHash,
                v.issuedAt(),
                List.of(
                        Posting.debit(
                                new AccountRef(
                                        AccountRef.programTenant(v.program()),
                                        v.currency(),
                                        AccountKind.PROGRAM_ISSUED),
                                v.amount()),
                        Posting.credit(v.account(), v.amount())));
    }

    /**
     * An expired voucher's remaining value goes back to its program, once: the entry's id is derived from the
     * voucher's, so a second attempt is refused by the ledger's primary key.
     */
    public static JournalEntry voucherLapsed(Voucher v, long remaining, Instant at) {
        return new JournalEntry(
                UUID.nameUUIDFromBytes(("voucher-lapsed:" + v.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                EntryKind.VOUCHER_LAPSED,
                v.tenant(),
                v.currency(),
                remaining,
                v.program(),
                AccountRef.EXCHANGE,
                null,
                null,
                at,
                List.of(
                        Posting.debit(v.account(), remaining),
                        Posting.credit(
                                new AccountRef(
                                        AccountRef.programTenant(v.program()),
                                        v.currency(),
                                        AccountKind.PROGRAM_LAPSED),
                                remaining)));
    }

    /**
     * A fill drew on its buyer's vouchers ({@code draws}: each voucher's account, or its program's LAPSED
     * account for a voucher that lapsed before the draw reached the ledger): their value pays that part of the
     * fill, into the buyer's AVAILABLE account. Keyed by the fill, so a redelivery posts nothing again.
     */
    public static JournalEntry voucherDrawn(
            UUID fillId, String buyer, String currency, List<Posting> draws, Instant at) {
        return voucherUse(EntryKind.VOUCHER_DRAWN, "voucher-drawn:", fillId, buyer, currency, draws, at);
    }

    /** The reverse, for a reversed fill: the buyer's AVAILABLE account gives back what the draws took. */
    public static JournalEntry voucherReturned(
            UUID fillId, String buyer, String currency, List<Posting> returns, Instant at) {
        return voucherUse(EntryKind.VOUCHER_RETURNED, "voucher-returned:", fillId, buyer, currency, returns, at);
    }

    private static JournalEntry voucherUse(
            EntryKind kind,
            String idPrefix,
            UUID fillId,
            String buyer,
            String currency,
            List<Posting> vouchers,
            Instant at) {
        long total = vouchers.stream().mapToLong(Posting::amount).sum();
        List<Posting> postings = new java.util.ArrayList<>(vouchers);
        postings.add(new Posting(AccountRef.available(buyer, currency), -total));
        return new JournalEntry(
                UUID.nameUUIDFromBytes((idPrefix + fillId).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                kind,
                buyer,
                currency,
                Math.abs(total),
                fillId.toString(),
                AccountRef.EXCHANGE,
                null,
                null,
                at,
                postings);
    }
}
