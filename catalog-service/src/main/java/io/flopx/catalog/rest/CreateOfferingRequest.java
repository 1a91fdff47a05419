package io.flopx.catalog.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a provider sends to list capacity. Server-owned fields (id, tenant, status) are not part of it. */
public record CreateOfferingRequest(
        @NotBlank String model,
        @NotBlank String hub,
        @NotBlank @Size(max = 100) String site,
        @Min(1) @Max(100_000) int devices,
        @NotNull Instant availableFrom,
        @NotNull Instant availableUntil,
        @Min(1) long pricePerDeviceHour,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency) {
}
