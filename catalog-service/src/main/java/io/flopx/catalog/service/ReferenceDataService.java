package io.flopx.catalog.service;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Hub;
import io.flopx.catalog.domain.Precision;
import io.flopx.catalog.repository.AcceleratorModelRepository;
import io.flopx.catalog.repository.HubRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Accelerator models and hubs: read by everyone, written by operators. */
@ApplicationScoped
public class ReferenceDataService {

    private final AcceleratorModelRepository models;
    private final HubRepository hubs;

    public ReferenceDataService(AcceleratorModelRepository models, HubRepository hubs) {
        this.models = models;
        this.hubs = hubs;
    }

    public Uni<List<AcceleratorModel>> models() {
        return Panache.withSession(() -> models.listAll(Sort.by("vendor").and("id")));
    }

    public Uni<List<HubListing>> hubs() {
        return Panache.withSession(() -> hubs.listAll(Sort.by("id"))
                .chain(list -> hubs.clusters()
                        .map(clusters -> list.stream()
                                .map(h -> new HubListing(
                                        h,
                                        clusters.stream()
                                                .filter(c -> c.hubId.equals(h.id))
                                                .toList()))
                                .toList())));
    }

    /** Creates or replaces a model; true when it was created. */
    public Uni<Boolean> putModel(String id, ModelDefinition r) {
        return Panache.withTransaction(() -> models.findById(id).chain(existing -> {
            AcceleratorModel m = existing != null ? existing : new AcceleratorModel();
            m.id = id;
            m.vendor = r.vendor();
            m.kind = r.kind();
            m.memoryGb = r.memoryGb();
            m.memoryBandwidthGbps = r.memoryBandwidthGbps();
            m.tdpWatts = r.tdpWatts();
            m.fp64Gflops = r.peakGflops().get(Precision.FP64);
            m.fp32Gflops = r.peakGflops().get(Precision.FP32);
            m.tf32Gflops = r.peakGflops().get(Precision.TF32);
            m.bf16Gflops = r.peakGflops().get(Precision.BF16);
            m.fp16Gflops = r.peakGflops().get(Precision.FP16);
            m.fp8Gflops = r.peakGflops().get(Precision.FP8);
            m.int8Gops = r.peakGflops().get(Precision.INT8);
            m.confidence = r.confidence();
            m.note = r.note();
            return existing != null
                    ? Uni.createFrom().item(false)
                    : models.persist(m).replaceWith(true);
        }));
    }

    /** Creates or replaces a hub; true when it was created. */
    public Uni<Boolean> putHub(String id, HubDefinition r) {
        return Panache.withTransaction(() -> hubs.findById(id).chain(existing -> {
            Hub h = existing != null ? existing : new Hub();
            h.id = id;
            h.name = r.name();
            h.side = r.side();
            return existing != null
                    ? Uni.createFrom().item(false)
                    : hubs.persist(h).replaceWith(true);
        }));
    }
}
