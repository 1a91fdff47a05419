package io.flopx.settlement.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fee a provider pays on its payouts. */
public record FeeRequest(
        @Schema(description = "Basis points of each payout (150 = 1.5 %), 0 to 5000", examples = "120")
        @NotNull
        @PositiveOrZero
        @Max(value = 5000, message = "must be at most 5000 (50 %)")
        Integer bps) {}
