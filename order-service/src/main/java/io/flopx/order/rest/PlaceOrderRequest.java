package io.flopx.order.rest;

import io.flopx.order.domain.FillPolicy;
import io.flopx.order.domain.OrderBounds;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.Precision;
import io.flopx.order.domain.TimeInForce;
import io.flopx.order.service.PlaceOrder;
import io.flopx.support.IsoCurrency;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an enterprise sends to buy compute. DEVICES: {@code devices} of any of {@code models}, limit per
 * device-hour. THROUGHPUT: at least {@code tflops} at {@code precision} from any mix of models, limit per
 * PFLOP-hour. Server-owned fields (id, tenant, status, fills, prices paid) are not part of it.
 */
public record PlaceOrderRequest(
        @Schema(examples = "DEVICES") @NotNull OrderKind kind,

        @Schema(examples = "[\"H100-SXM5-80GB\", \"H200-SXM-141GB\"]") @Size(max = 16)
        List<@NotBlank String> models,

        @Schema(examples = "8") @Min(1) @Max(100_000) Integer devices,

        @Schema(examples = "5000", description = "THROUGHPUT orders: at least this many TFLOPS at the precision")
        @DecimalMin(value = "0.001")
        @DecimalMax("100000000")
        @Digits(integer = 9, fraction = 3)
        BigDecimal tflops,

        @Schema(examples = "FP16") Precision precision,
        @Schema(examples = "10") @Min(1) @Max(8760) int durationHours,
        @Schema(examples = "2026-12-01T08:00:00Z") @NotNull Instant earliestStart,

        @Schema(examples = "2026-12-01T14:00:00Z", description = "Defaults to earliestStart")
        Instant latestStart,

        @Schema(
                examples = "1600",
                description = "Minor units per device-hour (DEVICES) or per PFLOP-hour (THROUGHPUT), 1 to 100000000")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = OrderBounds.MAX_PRICE, message = "must be at most 100000000 minor units")
        long limitPrice,

        @Schema(examples = "CNY")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
        @IsoCurrency
        String currency,

        @Schema(examples = "[\"ningxia\", \"gansu\"]", description = "Empty: any hub") @Size(max = 16)
        List<@NotBlank String> hubs,

        @Schema(examples = "1.3")
        @DecimalMin(value = "1.0", message = "must be at least 1.0")
        @Digits(integer = 1, fraction = 3)
        BigDecimal maxPue,

        @Schema(examples = "4A") @Pattern(regexp = "[1-5]A", message = "must be a CAICT rating from 1A to 5A")
        String minGreenRating,

        @Schema(examples = "INFINIBAND")
        @Pattern(regexp = "INFINIBAND|ROCE|ETHERNET", message = "must be INFINIBAND, ROCE or ETHERNET")
        String interconnect,

        @Schema(
                examples = "9900",
                description = "Basis points, 0 to 10000: only offerings whose delivery record (the catalog's"
                        + " reliability score over 30 days, the offering's reliabilityBps) is at least this;"
                        + " offerings without history never pass, so 0 means any provider with a record")
        @Min(value = 0, message = "must be between 0 and 10000 basis points")
        @Max(value = 10_000, message = "must be between 0 and 10000 basis points")
        Integer minReliability,

        @Schema(description = "All devices at one site (gang)")
        boolean sameSite,

        @Schema(examples = "PARTIAL", description = "Defaults to ALL_OR_NONE")
        FillPolicy fillPolicy,

        @Schema(examples = "4", description = "PARTIAL: the least total accepted, in devices or TFLOPS")
        @DecimalMin("0.001")
        @DecimalMax("100000000")
        @Digits(integer = 9, fraction = 3)
        BigDecimal minFill,

        @Schema(examples = "GOOD_TILL", description = "Defaults to GOOD_TILL")
        TimeInForce timeInForce,

        @Schema(
                examples = "2026-12-01T12:00:00Z",
                description = "GOOD_TILL: when the order expires; defaults to latestStart")
        Instant goodTill,

        @Schema(examples = "train-run-7") @Size(max = 100) String clientReference) {

    public PlaceOrder toCommand() {
        return new PlaceOrder(
                kind,
                models,
                devices,
                tflops,
                precision,
                durationHours,
                earliestStart,
                latestStart,
                limitPrice,
                currency,
                hubs,
                maxPue,
                minGreenRating,
                interconnect,
                minReliability,
                sameSite,
                fillPolicy,
                minFill,
                timeInForce,
                goodTill,
                clientReference);
    }
}
