package io.flopx.catalog.rest;

import io.flopx.catalog.domain.GreenRating;
import io.flopx.catalog.domain.Interconnect;
import io.flopx.catalog.domain.Site;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record SiteView(
        UUID id,
        String tenant,
        String name,
        String hub,
        String cluster,
        BigDecimal pue,
        String greenRating,
        boolean backboneConnected,
        Interconnect interconnect,
        Instant createdAt) {

    public static SiteView of(Site s) {
        return new SiteView(
                s.id,
                s.tenant,
                s.name,
                s.hubId,
                s.clusterId,
                BigDecimal.valueOf(s.pueMilli, 3),
                GreenRating.label(s.greenRating),
                s.backboneConnected,
                s.interconnect,
                s.createdAt);
    }
}
