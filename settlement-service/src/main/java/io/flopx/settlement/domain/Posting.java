package io.flopx.settlement.domain;

/** One line of a journal entry: a credit (positive) or a debit (negative) to one account, in minor units. */
public record Posting(AccountRef account, long amount) {

    public Posting {
        if (amount == 0) {
            throw new IllegalArgumentException("a posting moves something");
        }
    }

    public static Posting credit(AccountRef account, long amount) {
        return new Posting(account, amount);
    }

    public static Posting debit(AccountRef account, long amount) {
        return new Posting(account, Math.negateExact(amount));
    }
}
