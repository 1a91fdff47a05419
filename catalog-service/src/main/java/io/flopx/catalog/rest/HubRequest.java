package io.flopx.catalog.rest;

import io.flopx.catalog.service.HubDefinition;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A market region as an operator defines it. */
public record HubRequest(
        @Schema(examples = "Ningxia") @NotBlank String name,

        @Schema(examples = "west") @NotNull @Pattern(regexp = "east|west", message = "must be east or west")
        String side) {
    public HubDefinition toCommand() {
        return new HubDefinition(name, side);
    }
}
