package io.flopx.cli;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Money as people write it ("14.50") and as the API carries it (minor units: 1450 fen). The number of decimals
 * is the currency's own (ISO 4217), so a price with more decimals than the currency has is refused, not rounded.
 */
final class Money {

    private Money() {}

    static long toMinor(BigDecimal amount, String currency, String option) {
        int digits = digits(currency);
        if (amount.signum() < 0) {
            throw new UsageException(option + " must not be negative");
        }
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new UsageException(option + " has more than " + digits + " decimals for " + currency);
        }
        try {
            return amount.movePointRight(digits).longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new UsageException(option + " is too large");
        }
    }

    static String format(Long minor, String currency) {
        if (minor == null) {
            return "";
        }
        int digits = digits(currency);
        return BigDecimal.valueOf(minor).movePointLeft(digits).setScale(digits).toPlainString()
                + (currency == null ? "" : " " + currency);
    }

    private static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (RuntimeException unknown) {
            return 2;
        }
    }
}
