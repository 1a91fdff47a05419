package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Bounds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new ask for a resale listing. */
public record RepriceRequest(
        @Schema(examples = "1400", description = "Minor currency units per device-hour, 1 to 100000000")
        @NotNull
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = Bounds.MAX_PRICE, message = "must be at most 100000000 minor units per device-hour")
        Long pricePerDeviceHour) {}
