package io.flopx.settlement.rest;

import io.flopx.settlement.service.IssueVoucher;
import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A compute voucher (算力券) for an enterprise, from a program. */
public record IssueVoucherRequest(
        @Schema(description = "The issuing program", examples = "guizhou-compute-2026")
        @NotNull
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and -")
        String program,

        @Schema(description = "The enterprise's tenant", examples = "bluesky-bio")
        @NotNull
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a tenant id: lower-case letters, digits and -")
        String tenant,

        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(description = "Minor units, a whole number", examples = "20000000")
        @NotNull
        @Positive
        @Max(value = TopUpRequest.MAX_AMOUNT, message = "must be at most 10000000000000 (a hundred billion)")
        Long amount,

        @Schema(description = "When it expires: what is left then goes back to the program (within five years)")
        @NotNull
        Instant expiresAt,

        @Schema(description = "The hubs it may buy in; none: any hub", examples = "[\"guizhou\", \"ningxia\"]")
        @Size(max = 16)
        List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a hub id") String> hubs,

        @Schema(description = "Only sites rated at least this (CAICT green rating)", examples = "4A")
        @Pattern(regexp = "[1-5]A", message = "must be a CAICT green rating from 1A to 5A")
        String minGreenRating,

        @Schema(description = "Only sites with at most this PUE", examples = "1.25")
        @DecimalMin("1.000")
        @DecimalMax("3.000")
        @Digits(integer = 1, fraction = 3)
        BigDecimal maxPue) {

    IssueVoucher toCommand() {
        return new IssueVoucher(
                program,
                tenant,
                currency,
                amount,
                expiresAt,
                hubs == null ? List.of() : hubs.stream().distinct().sorted().toList(),
                minGreenRating == null ? null : minGreenRating.charAt(0) - '0',
                maxPue == null ? null : maxPue.movePointRight(3).intValueExact());
    }
}
