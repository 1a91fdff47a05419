package io.flopx.catalog.repository;

import io.flopx.catalog.domain.Hub;
import io.flopx.catalog.domain.HubCluster;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class HubRepository implements PanacheRepositoryBase<Hub, String> {

    public Uni<Boolean> hasCluster(String hubId, String clusterId) {
        return Panache.getSession()
                .chain(s -> s.find(HubCluster.class, clusterId))
                .map(c -> c != null && c.hubId.equals(hubId));
    }

    public Uni<List<HubCluster>> clusters() {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("from HubCluster order by hubId, id", HubCluster.class)
                        .getResultList());
    }
}
