package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Bounds;
import io.flopx.catalog.service.OfferingAmendment;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fields a provider may change on a listed offering; absent fields stay as they are. */
public record AmendOfferingRequest(
        @Schema(examples = "1390", description = "Minor currency units per device-hour, 1 to 100000000")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = Bounds.MAX_PRICE, message = "must be at most 100000000 minor units per device-hour")
        Long pricePerDeviceHour,

        @Schema(examples = "24") @Min(1) @Max(100_000) Integer devices,
        @Schema(examples = "2026-12-06T00:00:00Z") Instant availableUntil) {

    public OfferingAmendment toCommand() {
        return new OfferingAmendment(pricePerDeviceHour, devices, availableUntil);
    }
}
