package io.flopx.catalog.rest;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.Precision;
import io.flopx.catalog.domain.Site;
import io.flopx.catalog.domain.Throughput;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An offering as its provider (or an operator) sees it, with what it delivers per precision. */
public record OfferingView(
        UUID id,
        String tenant,
        String model,
        String hub,
        UUID siteId,
        String siteName,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        int minLeaseHours,
        Integer availabilityBps,

        @Schema(
                description = "The delivery record orders' minReliability is checked against (basis points): its"
                        + " site's reliability score, or its provider's while the site has none; null: no history."
                        + " Re-rated every 30 s as deliveries are judged.")
        Integer reliabilityBps,

        String status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Map<Precision, BigDecimal> effectiveTflops,
        Map<Precision, Long> pricePerPflopHour) {

    public static OfferingView of(Offering o, Site site, AcceleratorModel model) {
        return new OfferingView(
                o.id,
                o.tenant,
                o.modelId,
                o.hubId,
                o.siteId,
                site.name,
                o.devices,
                o.availableFrom,
                o.availableUntil,
                o.pricePerDeviceHour,
                o.currency,
                o.minLeaseHours,
                o.availabilityBps,
                o.reliabilityBps,
                o.status.name(),
                o.version,
                o.createdAt,
                o.updatedAt,
                Throughput.effectiveTflops(model, o.devices),
                Throughput.pricePerPflopHour(model, o.pricePerDeviceHour));
    }
}
