package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Bounds;
import io.flopx.catalog.service.NewOffering;
import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a provider sends to list capacity. Server-owned fields (id, tenant, hub, status, version) are not part of it. */
public record CreateOfferingRequest(
        @Schema(examples = "H100-SXM5-80GB") @NotBlank String model,

        @Schema(description = "One of the provider's own sites") @NotNull
        UUID siteId,

        @Schema(examples = "16") @Min(1) @Max(100_000) int devices,

        @Schema(examples = "2026-12-01T00:00:00Z", description = "On a whole UTC hour, not in the past") @NotNull
        Instant availableFrom,

        @Schema(examples = "2026-12-04T00:00:00Z", description = "On a whole UTC hour, after availableFrom") @NotNull
        Instant availableUntil,

        @Schema(examples = "1450", description = "Minor currency units per device-hour, 1 to 100000000")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = Bounds.MAX_PRICE, message = "must be at most 100000000 minor units per device-hour")
        long pricePerDeviceHour,

        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(examples = "4", description = "Shortest lease sold, in hours (default 1)") @Min(1) @Max(8760)
        Integer minLeaseHours,

        @Schema(
                examples = "9950",
                description = "Availability commitment (SLA): the share of each lease's device-hours delivered, in "
                        + "basis points: 9900, 9950 or 9990. Absent: best effort, no SLA tier")
        Integer availabilityBps) {

    public NewOffering toCommand() {
        return new NewOffering(
                model,
                siteId,
                devices,
                availableFrom,
                availableUntil,
                pricePerDeviceHour,
                currency,
                minLeaseHours,
                availabilityBps);
    }
}
