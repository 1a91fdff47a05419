package io.flopx.order.rest;

import io.flopx.order.domain.OrderBounds;
import io.flopx.order.service.AmendOrder;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new limit and/or quantity (cancel-replace: the order loses its time priority). */
public record AmendOrderRequest(
        @Schema(examples = "1700")
        @Min(value = 1, message = "must be a positive amount in minor units")
        @Max(value = OrderBounds.MAX_PRICE, message = "must be at most 100000000 minor units")
        Long limitPrice,

        @Schema(examples = "12") @Min(1) @Max(100_000) Integer devices,

        @Schema(examples = "6000") @DecimalMin("0.001") @DecimalMax("100000000") @Digits(integer = 9, fraction = 3)
        BigDecimal tflops) {

    public AmendOrder toCommand() {
        return new AmendOrder(limitPrice, devices, tflops);
    }
}
