package io.flopx.catalog.service;

import io.flopx.catalog.domain.Interconnect;
import io.flopx.catalog.domain.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A buyer's search of active offerings: every filter optional (null), a sort (price, effectivePrice, tflops
 * or pue), its order (asc or desc) and a page.
 */
public record OfferingSearch(
        String model,
        String vendor,
        String hub,
        Precision precision,
        BigDecimal minTflops,
        Long maxPricePerDeviceHour,
        Long maxPricePerPflopHour,
        BigDecimal maxPue,
        String minGreenRating,
        Interconnect interconnect,
        Integer minReliability,
        Instant from,
        Instant until,
        String sort,
        String order,
        int page,
        int size) {}
