package io.flopx.support;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** The currencies money may be held in: ISO 4217 codes of real money (not test, precious-metal or fund codes). */
public final class Currencies {

    private static final Set<String> KNOWN = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private Currencies() {}

    public static boolean known(String code) {
        return code != null && KNOWN.contains(code);
    }
}
