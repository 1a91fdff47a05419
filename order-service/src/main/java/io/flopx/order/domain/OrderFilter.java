package io.flopx.order.domain;

import io.flopx.support.Cursor;
import java.time.Instant;

/**
 * What an order listing asks for: filters (each null for "any"), then a page, by keyset ({@code after})
 * or, failing that, by offset ({@code page}). {@code tenant} is the operators' filter on one tenant.
 */
public record OrderFilter(
        OrderStatus status,
        Instant from,
        Instant to,
        String model,
        Precision precision,
        String tenant,
        int page,
        Cursor after,
        int size) {}
