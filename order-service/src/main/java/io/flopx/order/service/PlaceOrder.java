package io.flopx.order.service;

import io.flopx.order.domain.FillPolicy;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.Precision;
import io.flopx.order.domain.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an enterprise asks for when it places (or quotes) an order, as the service takes it: the API's body
 * after its field constraints, in the body's terms. The components keep the body's names and order, because
 * an idempotency key's fingerprint is this record as JSON.
 */
public record PlaceOrder(
        OrderKind kind,
        List<String> models,
        Integer devices,
        BigDecimal tflops,
        Precision precision,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPrice,
        String currency,
        List<String> hubs,
        BigDecimal maxPue,
        String minGreenRating,
        String interconnect,
        Integer minReliability,
        boolean sameSite,
        FillPolicy fillPolicy,
        BigDecimal minFill,
        TimeInForce timeInForce,
        Instant goodTill,
        String clientReference) {

    FillPolicy fillPolicyOrDefault() {
        return fillPolicy == null ? FillPolicy.ALL_OR_NONE : fillPolicy;
    }

    TimeInForce timeInForceOrDefault() {
        return timeInForce == null ? TimeInForce.GOOD_TILL : timeInForce;
    }
}
