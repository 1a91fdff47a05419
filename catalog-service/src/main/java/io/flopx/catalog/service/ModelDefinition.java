package io.flopx.catalog.service;

import io.flopx.catalog.domain.Precision;
import java.util.Map;

/** An accelerator model as an operator defines it; peaks per device in integer GFLOPS. */
public record ModelDefinition(
        String vendor,
        String kind,
        Integer memoryGb,
        int memoryBandwidthGbps,
        int tdpWatts,
        Map<Precision, Long> peakGflops,
        String confidence,
        String note) {}
