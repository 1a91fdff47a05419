package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Interconnect;
import io.flopx.catalog.service.NewSite;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provider's data centre. Server-owned fields (id, tenant) are not part of it. */
public record CreateSiteRequest(
        @Schema(examples = "Zhongwei DC-2") @NotBlank @Size(max = 100)
        String name,

        @Schema(examples = "ningxia") @NotBlank String hub,

        @Schema(examples = "zhongwei", description = "A cluster of the hub, optional")
        String cluster,

        @Schema(examples = "1.25", description = "Power usage effectiveness, at least 1.0")
        @NotNull
        @DecimalMin(value = "1.0", message = "must be at least 1.0")
        @DecimalMax(value = "3.999")
        @Digits(integer = 1, fraction = 3)
        BigDecimal pue,

        @Schema(examples = "4A", description = "CAICT green data-centre rating, 1A to 5A")
        @NotNull
        @Pattern(regexp = "[1-5]A", message = "must be a CAICT rating from 1A to 5A")
        String greenRating,

        @Schema(examples = "true", description = "Directly connected to the national backbone")
        boolean backboneConnected,

        @Schema(examples = "INFINIBAND") @NotNull Interconnect interconnect) {
    public NewSite toCommand() {
        return new NewSite(name, hub, cluster, pue, greenRating, backboneConnected, interconnect);
    }
}
