package io.flopx.settlement.rest;

import io.flopx.settlement.service.CreditLimit;
import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far below zero a tenant's available money may go in one currency (0: no credit). */
public record CreditLimitRequest(
        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(description = "Minor units, a whole number", examples = "5000000")
        @NotNull
        @PositiveOrZero
        @Max(value = TopUpRequest.MAX_AMOUNT, message = "must be at most 10000000000000 (a hundred billion)")
        Long creditLimit) {

    CreditLimit toCommand(String tenant) {
        return new CreditLimit(tenant, currency, creditLimit);
    }
}
