package io.flopx.support;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A currency money can be kept in: an ISO 4217 code the JDK knows, with minor units. A made-up code ("ABC") or a
 * code that is not money ("XXX" no currency, "XTS" testing, "XAU" gold) would otherwise open offerings, orders and
 * ledger accounts nobody could ever trade with: a 422, as an unknown model or hub is. Null is left to
 * {@code @NotNull}, and anything that is not three capital letters to the field's {@code @Pattern} (a 400: it is
 * malformed, and the pattern is what the OpenAPI document shows).
 */
@Documented
@Constraint(validatedBy = IsoCurrency.Validator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface IsoCurrency {

    String message() default "is not an ISO 4217 currency money is kept in (such as CNY)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<IsoCurrency, String> {

        /** ISO 4217 codes of money: the JDK's currencies with minor units (not test, precious-metal or fund codes). */
        private static final Set<String> MONEY = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0)
                .map(Currency::getCurrencyCode)
                .collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            return code == null || !threeCapitals(code) || MONEY.contains(code);
        }

        /** Checked by hand, not with a regular expression: every placement runs this. */
        private static boolean threeCapitals(String code) {
            return code.length() == 3 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
        }
    }
}
