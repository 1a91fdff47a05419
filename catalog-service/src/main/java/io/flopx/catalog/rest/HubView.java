package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Hub;
import io.flopx.catalog.service.HubListing;
import java.math.BigDecimal;
import java.util.List;

public record HubView(String id, String name, String side, List<Cluster> clusters) {

    public record Cluster(String id, String name, BigDecimal latitude, BigDecimal longitude) {}

    static HubView of(HubListing listing) {
        Hub hub = listing.hub();
        return new HubView(
                hub.id,
                hub.name,
                hub.side,
                listing.clusters().stream()
                        .map(c -> new Cluster(c.id, c.name, c.latitude, c.longitude))
                        .toList());
    }
}
