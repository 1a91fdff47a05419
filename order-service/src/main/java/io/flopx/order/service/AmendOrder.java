package io.flopx.order.service;

import java.math.BigDecimal;

/** A cancel-replace of a resting order: a new limit, a new quantity (devices or TFLOPS), or both. */
public record AmendOrder(Long limitPrice, Integer devices, BigDecimal tflops) {

    boolean isEmpty() {
        return limitPrice == null && devices == null && tflops == null;
    }
}
