package io.flopx.order.service;

import io.flopx.order.client.ReferenceData;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Currency;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether orders must be funded ({@code flopx.orders.require-funding}): then each open order holds the worst
 * case of what it still wants against its tenant's buying power (see the module README, "Pre-trade risk"), and
 * an order the buying power does not cover is refused before any book sees it. Off, nothing is held or
 * checked.
 */
@ApplicationScoped
public class PreTradeRisk {

    /** The reason an order refused for want of funds carries first. */
    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";

    private final boolean required;

    public PreTradeRisk(
            @ConfigProperty(name = "flopx.orders.require-funding", defaultValue = "true") boolean required) {
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    /** Sets a new order's hold: the worst case of its quantity, with a throughput order's whole-device allowance. */
    static void holdFor(ComputeOrder o, ReferenceData.Known known) {
        if (o.kind == OrderKind.THROUGHPUT) {
            o.holdSlackGflops = Math.max(0, known.largestPeak(o.precision, o.models) - 1);
        }
        o.held = o.holdNeeded();
    }

    /** Refuses an order its tenant's free buying power ({@code free}, minor units) does not cover. */
    static void refuse(ComputeOrder o, long free) {
        long worstCase = o.held;
        // At least one minor unit: the order was not covered when it was checked, whatever was read after.
        o.shortfall = Math.max(1, worstCase - Math.max(0, free));
        o.held = 0;
        o.moveTo(
                OrderStatus.REJECTED,
                INSUFFICIENT_FUNDS + ": its worst case is " + major(worstCase, o.currency) + " " + o.currency + ", "
                        + major(o.shortfall, o.currency) + " more than the buying power left",
                o.createdAt);
    }

    /** Minor units as a decimal amount in the currency's usual digits (two when unknown). */
    static String major(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
