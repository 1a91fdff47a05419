package io.flopx.order.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an enterprise sends to buy compute: devices of a model for some hours, starting anywhere in
 * [earliestStart, latestStart], at most the limit price per device-hour. Server-owned fields (id,
 * tenant, status, fills) are not part of it.
 */
public record PlaceOrderRequest(
        @NotBlank String model,
        @Min(1) @Max(100_000) int devices,
        @Min(1) @Max(8760) int durationHours,
        @NotNull Instant earliestStart,
        Instant latestStart,
        @Min(1) long limitPricePerDeviceHour,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
        @Size(max = 16) List<@NotBlank String> hubs,
        @Size(max = 100) String clientReference) {
}
