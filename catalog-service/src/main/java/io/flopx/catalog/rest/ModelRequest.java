package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Bounds;
import io.flopx.catalog.domain.Precision;
import io.flopx.catalog.service.ModelDefinition;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An accelerator model as an operator defines it; peaks are dense, per device, in integer GFLOPS (GOPS for INT8). */
public record ModelRequest(
        @Schema(examples = "NVIDIA") @NotBlank String vendor,

        @Schema(examples = "GPU") @NotNull @Pattern(regexp = "GPU|NPU|CPU", message = "must be GPU, NPU or CPU")
        String kind,

        @Schema(examples = "80") @Min(1) @Max(1_000_000) Integer memoryGb,

        @Schema(examples = "3350") @Positive @Max(1_000_000_000)
        int memoryBandwidthGbps,

        @Schema(examples = "700") @Positive @Max(1_000_000) int tdpWatts,

        @Schema(examples = "{\"FP64\": 34000, \"FP16\": 989400}", description = "Per device, 1 to 1000000000 GFLOPS")
        @NotEmpty
        Map<
                        Precision,
                        @NotNull @Positive
                        @Max(value = Bounds.MAX_PEAK_GFLOPS, message = "must be at most 1000000000 GFLOPS") Long>
                peakGflops,

        @Schema(examples = "datasheet")
        @NotNull
        @Pattern(regexp = "datasheet|approximate", message = "must be datasheet or approximate")
        String confidence,

        String note) {
    public ModelDefinition toCommand() {
        return new ModelDefinition(vendor, kind, memoryGb, memoryBandwidthGbps, tdpWatts, peakGflops, confidence, note);
    }
}
