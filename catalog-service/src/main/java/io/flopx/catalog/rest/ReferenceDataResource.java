package io.flopx.catalog.rest;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.service.ReferenceDataService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Accelerator models and hubs: readable by everyone signed in, editable by operators. */
@Path("/")
@Tag(name = "Reference data", description = "Accelerator models and hubs")
public class ReferenceDataResource {

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final ReferenceDataService reference;

    public ReferenceDataResource(ReferenceDataService reference) {
        this.reference = reference;
    }

    @GET
    @Path("models")
    @Authenticated
    @Operation(summary = "Accelerator models with their dense peak GFLOPS per precision, memory, bandwidth and TDP")
    public Uni<List<AcceleratorModel>> models() {
        return reference.models();
    }

    @PUT
    @Path("models/{id}")
    @RolesAllowed("operator")
    @Operation(summary = "Create or correct an accelerator model")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Updated")
    public Uni<Response> putModel(
            @RestPath @Pattern(regexp = ID, message = "must be letters, digits, dots, dashes") String id,
            @NotNull @Valid ModelRequest request) {
        return reference
                .putModel(id, request.toCommand())
                .map(created -> Response.status(created ? 201 : 200).build());
    }

    @GET
    @Path("hubs")
    @Authenticated
    @Operation(summary = "The hubs (market regions) and their data-centre clusters")
    public Uni<List<HubView>> hubs() {
        return reference.hubs().map(list -> list.stream().map(HubView::of).toList());
    }

    @PUT
    @Path("hubs/{id}")
    @RolesAllowed("operator")
    @Operation(summary = "Create or rename a hub")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Updated")
    public Uni<Response> putHub(
            @RestPath @Pattern(regexp = ID, message = "must be letters, digits, dots, dashes") String id,
            @NotNull @Valid HubRequest request) {
        return reference
                .putHub(id, request.toCommand())
                .map(created -> Response.status(created ? 201 : 200).build());
    }
}
