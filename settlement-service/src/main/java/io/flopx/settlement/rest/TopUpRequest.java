package io.flopx.settlement.rest;

import io.flopx.settlement.service.TopUp;
import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Money received for a tenant, as a reconciled bank transfer reports it. */
public record TopUpRequest(
        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(description = "Minor units, a whole number (100000000 = 1,000,000.00 CNY)", examples = "100000000")
        @NotNull
        @Positive
        @Max(value = TopUpRequest.MAX_AMOUNT, message = "must be at most 10000000000000 (a hundred billion)")
        Long amount,

        @Schema(description = "The bank transfer's reference, shown on statements", examples = "BOC-2026-12-0001")
        @Size(max = 200)
        String reference) {

    /** A hundred billion in major units: far beyond any transfer, far below where sums could overflow. */
    static final long MAX_AMOUNT = 10_000_000_000_000L;

    TopUp toCommand(String tenant) {
        return new TopUp(tenant, currency, amount, reference);
    }
}
