package io.flopx.catalog.service;

import io.flopx.catalog.domain.Interconnect;
import java.math.BigDecimal;

/** A provider's data centre in a hub, as the service takes it. */
public record NewSite(
        String name,
        String hub,
        String cluster,
        BigDecimal pue,
        String greenRating,
        boolean backboneConnected,
        Interconnect interconnect) {}
