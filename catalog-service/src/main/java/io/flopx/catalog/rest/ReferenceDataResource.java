package io.flopx.catalog.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Hub;
import io.flopx.catalog.repository.AcceleratorModelRepository;
import io.flopx.catalog.repository.HubRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Accelerator models and hubs: readable by everyone signed in. */
@Path("/")
@Authenticated
public class ReferenceDataResource {

    private final AcceleratorModelRepository models;
    private final HubRepository hubs;

    public ReferenceDataResource(AcceleratorModelRepository models, HubRepository hubs) {
        this.models = models;
        this.hubs = hubs;
    }

    @GET
    @Path("models")
    @WithSession
    public Uni<List<AcceleratorModel>> models() {
        return models.listAll(Sort.by("vendor").and("id"));
    }

    @GET
    @Path("hubs")
    @WithSession
    public Uni<List<Hub>> hubs() {
        return hubs.listAll(Sort.by("id"));
    }
}
