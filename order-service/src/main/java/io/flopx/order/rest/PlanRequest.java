package io.flopx.order.rest;

import io.flopx.order.domain.OrderBounds;
import io.flopx.order.service.PlanService;
import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A standing procurement plan: keep {@code devices} devices of any of {@code models} in any of {@code hubs} for
 * every hour from {@code startsAt} to {@code endsAt}, at most {@code limitPrice} per device-hour, buying
 * {@code aheadHours} ahead, never committing more than {@code budget}.
 */
public record PlanRequest(
        @Schema(examples = "training cluster") @NotBlank @Size(max = 80)
        String name,

        @Schema(examples = "[\"H100-SXM5-80GB\", \"H200-SXM-141GB\"]") @NotEmpty @Size(max = 16)
        List<@NotBlank String> models,

        @Schema(examples = "[\"ningxia\", \"gansu\"]", description = "Empty: any hub") @Size(max = 16)
        List<@NotBlank String> hubs,

        @Schema(examples = "8", description = "Devices to keep in every hour") @Min(1) @Max(100_000)
        int devices,

        @Schema(examples = "2026-12-03T00:00:00Z") @NotNull Instant startsAt,
        @Schema(examples = "2026-12-10T00:00:00Z") @NotNull Instant endsAt,

        @Schema(examples = "24", description = "How far ahead each hour is bought, 1 to 168 hours") @Min(1) @Max(168)
        int aheadHours,

        @Schema(examples = "1600", description = "Minor units per device-hour, at most")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = OrderBounds.MAX_PRICE, message = "must be at most 100000000 minor units")
        long limitPrice,

        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(examples = "9900", description = "Basis points: only offerings with a delivery record this good")
        @Min(value = 0, message = "must be between 0 and 10000 basis points")
        @Max(value = 10_000, message = "must be between 0 and 10000 basis points")
        Integer minReliability,

        @Schema(
                examples = "10000000",
                description = "Minor units: what its fills cost plus what its open orders hold never exceeds it")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = 1_000_000_000_000_000L, message = "must be at most 10^15 minor units")
        long budget) {

    PlanService.NewPlan toCommand() {
        return new PlanService.NewPlan(
                name,
                models,
                hubs,
                devices,
                startsAt,
                endsAt,
                aheadHours,
                limitPrice,
                currency,
                minReliability,
                budget);
    }
}
