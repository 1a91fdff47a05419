package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Hub;
import io.flopx.catalog.domain.HubCluster;
import java.math.BigDecimal;
import java.util.List;

public record HubView(String id, String name, String side, List<Cluster> clusters) {

    public record Cluster(String id, String name, BigDecimal latitude, BigDecimal longitude) {}

    public static HubView of(Hub hub, List<HubCluster> all) {
        return new HubView(
                hub.id,
                hub.name,
                hub.side,
                all.stream()
                        .filter(c -> c.hubId.equals(hub.id))
                        .map(c -> new Cluster(c.id, c.name, c.latitude, c.longitude))
                        .toList());
    }
}
