package io.flopx.matching.rest;

import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order as the matcher sees it, in integer units, to quote: DEVICES ({@code devices} of any of
 * {@code models}, limit per device-hour) or THROUGHPUT ({@code throughputGflops} at {@code precision},
 * limit per PFLOP-hour). The same fields as the order events order-service publishes.
 */
public record QuoteRequest(
        @Schema(examples = "DEVICES")
        @NotNull
        @Pattern(regexp = "DEVICES|THROUGHPUT", message = "must be DEVICES or THROUGHPUT")
        String kind,

        @Schema(examples = "[\"H100-SXM5-80GB\"]") @Size(max = 16)
        List<@NotBlank String> models,

        @Schema(examples = "8") @Min(1) @Max(100_000) Integer devices,
        @Schema(examples = "5000000") @Min(1) Long throughputGflops,

        @Schema(examples = "FP16")
        @Pattern(regexp = "FP64|FP32|TF32|BF16|FP16|FP8|INT8|FP4", message = "must be a precision such as FP16")
        String precision,

        @Schema(examples = "10") @Min(1) @Max(8760) int durationHours,
        @Schema(examples = "2026-12-01T08:00:00Z") @NotNull Instant earliestStart,
        @Schema(description = "Defaults to earliestStart") Instant latestStart,

        @Schema(examples = "1600") @Min(value = 1, message = "must be a positive amount in minor units")
        long limitPrice,

        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(examples = "[\"ningxia\"]", description = "Empty: any hub") @Size(max = 16)
        List<@NotBlank String> allowedHubs,

        @Schema(examples = "1300") @Min(1000) Integer maxPueMilli,
        @Schema(examples = "4") @Min(1) @Max(5) Integer minGreenRating,

        @Pattern(regexp = "INFINIBAND|ROCE|ETHERNET", message = "must be INFINIBAND, ROCE or ETHERNET")
        String interconnect,

        boolean sameSite,

        @Schema(examples = "PARTIAL", description = "Defaults to ALL_OR_NONE")
        @Pattern(regexp = "PARTIAL|ALL_OR_NONE", message = "must be PARTIAL or ALL_OR_NONE")
        String fillPolicy,

        @Min(1) Long minFill,

        @Schema(
                examples = "9900",
                description = "Only offerings whose delivery record (30 days, basis points) is at least this;"
                        + " offerings without history do not pass")
        @Min(0)
        @Max(10_000)
        Integer minReliabilityBps) {}
