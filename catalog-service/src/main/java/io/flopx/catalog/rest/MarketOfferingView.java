package io.flopx.catalog.rest;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.GreenRating;
import io.flopx.catalog.domain.Interconnect;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.Precision;
import io.flopx.catalog.domain.Reliability;
import io.flopx.catalog.domain.Site;
import io.flopx.catalog.domain.Throughput;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An active offering as buyers see it in search: no provider tenant, no site name; its site's and its
 * provider's reliability over the last 30 days (unnamed).
 */
public record MarketOfferingView(
        UUID id,
        String model,
        String vendor,
        String hub,
        String cluster,
        BigDecimal pue,
        String greenRating,
        Interconnect interconnect,
        boolean backboneConnected,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        int minLeaseHours,
        Integer availabilityBps,

        @Schema(
                description = "The delivery record orders' minReliability is checked against (basis points): its"
                        + " site's reliability score, or its provider's while the site has none; null: no history."
                        + " Re-rated every 30 s as deliveries are judged.")
        Integer reliabilityBps,

        long pricePerDeviceHour,
        String currency,
        Map<Precision, BigDecimal> effectiveTflops,
        Map<Precision, Long> pricePerPflopHour,
        ReliabilityView siteReliability,
        ReliabilityView providerReliability) {

    public static MarketOfferingView of(
            Offering o, Site s, AcceleratorModel m, Reliability site, Reliability provider) {
        return new MarketOfferingView(
                o.id,
                o.modelId,
                m.vendor,
                o.hubId,
                s.clusterId,
                BigDecimal.valueOf(s.pueMilli, 3),
                GreenRating.label(s.greenRating),
                s.interconnect,
                s.backboneConnected,
                o.devices,
                o.availableFrom,
                o.availableUntil,
                o.minLeaseHours,
                o.availabilityBps,
                o.reliabilityBps,
                o.pricePerDeviceHour,
                o.currency,
                Throughput.effectiveTflops(m, o.devices),
                Throughput.pricePerPflopHour(m, o.pricePerDeviceHour),
                ReliabilityView.of(site),
                ReliabilityView.of(provider));
    }
}
