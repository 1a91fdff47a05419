package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Bounds;
import io.flopx.catalog.service.NewResale;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an enterprise sends to resell hours of a lease it holds. */
public record ResaleRequest(
        @Schema(description = "A lease you bought (a fill's id, as order fills and settlements name it)") @NotNull
        UUID leaseId,

        @Schema(examples = "2", description = "Devices of the lease to resell") @Min(1) @Max(100_000)
        int devices,

        @Schema(
                examples = "2026-12-01T04:00:00Z",
                description = "On a whole UTC hour not yet started, within the lease (default: its first hour not "
                        + "yet started)")
        Instant availableFrom,

        @Schema(
                examples = "2026-12-01T08:00:00Z",
                description = "On a whole UTC hour after availableFrom, at most the lease's end (default: its end)")
        Instant availableUntil,

        @Schema(examples = "1500", description = "Your ask, minor currency units per device-hour, 1 to 100000000")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = Bounds.MAX_PRICE, message = "must be at most 100000000 minor units per device-hour")
        long pricePerDeviceHour) {

    public NewResale toCommand() {
        return new NewResale(leaseId, devices, availableFrom, availableUntil, pricePerDeviceHour);
    }
}
