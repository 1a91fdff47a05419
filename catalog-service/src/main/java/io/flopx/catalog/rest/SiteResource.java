package io.flopx.catalog.rest;

import io.flopx.catalog.service.SiteService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/sites")
@Tag(name = "Sites", description = "A provider's data centres")
public class SiteResource {

    private final SiteService sites;
    private final CallerTenant caller;

    public SiteResource(SiteService sites, CallerTenant caller) {
        this.sites = sites;
        this.caller = caller;
    }

    @POST
    @RolesAllowed("provider")
    @Operation(summary = "Register a data centre in a hub, with its PUE, green rating and interconnect")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SiteView.class)))
    public Uni<Response> create(@NotNull @Valid CreateSiteRequest request) {
        return sites.create(caller.id(), request.toCommand())
                .map(s -> Response.created(URI.create("/sites/" + s.id))
                        .entity(SiteView.of(s))
                        .build());
    }

    @GET
    @RolesAllowed({"provider", "operator"})
    @Operation(summary = "Your sites (operators: all sites)")
    public Uni<List<SiteView>> list() {
        return sites.visibleSites(Callers.of(caller))
                .map(l -> l.stream().map(SiteView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"provider", "operator"})
    @Operation(summary = "One of your sites")
    public Uni<SiteView> get(@RestPath UUID id) {
        return sites.visibleSite(Callers.of(caller), id).map(SiteView::of);
    }
}
