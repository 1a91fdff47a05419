package io.flopx.settlement.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What providers' agents and buyers send about a lease's delivery. */
public final class DeliveryRequests {

    private DeliveryRequests() {}

    /** The lease started, on these devices or hosts. */
    public record Started(
            @Schema(description = "When it started (default: now)")
            Instant startedAt,

            @Schema(
                    description = "The devices (or hosts) serving it, at most the lease's devices",
                    examples = "[\"zw2-h100-0017\", \"zw2-h100-0018\"]")
            @NotNull
            @Size(min = 1, max = 100_000)
            List<@NotBlank @Size(max = 200) String> deviceIds) {}

    /** One hour slot's availability, reported once the hour is over. */
    public record HourReport(
            @Schema(description = "The slot's start, a whole UTC hour", examples = "2026-12-02T08:00:00Z") @NotNull
            Instant hour,

            @Schema(description = "Devices available throughout the hour", examples = "8")
            @NotNull
            @Min(0)
            @Max(100_000)
            Integer devicesAvailable) {}

    /** An outage, reported once it is over. */
    public record OutageReport(
            @Schema(examples = "2026-12-02T08:10:00Z") @NotNull
            Instant start,

            @Schema(examples = "2026-12-02T08:40:00Z") @NotNull
            Instant end,

            @Schema(description = "Devices affected", examples = "2") @NotNull @Min(1) @Max(100_000)
            Integer devices,

            @Schema(examples = "NVLink switch failure") @NotBlank @Size(max = 500)
            String cause) {}

    /** A buyer disputes an hour slot. */
    public record DisputeRequest(
            @Schema(description = "The slot's start, a whole UTC hour", examples = "2026-12-02T09:00:00Z") @NotNull
            Instant hour,

            @Schema(examples = "jobs could not reach 2 of 8 devices; the agent reported them available")
            @NotBlank
            @Size(max = 2000)
            String reason) {}

    /** An operator's decision on a dispute. */
    public record Decision(
            @Schema(description = "true: the hour counts as undelivered; false: the dispute is rejected") @NotNull
            Boolean accept,

            @Schema(examples = "switch logs confirm the outage") @NotBlank @Size(max = 2000)
            String note) {}
}
