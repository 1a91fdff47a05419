package io.flopx.catalog.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.flopx.catalog.service.OfferingService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;

@Path("/offerings")
@RolesAllowed("provider")
public class OfferingResource {

    private final OfferingService offerings;
    private final CallerTenant caller;

    public OfferingResource(OfferingService offerings, CallerTenant caller) {
        this.offerings = offerings;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@NotNull @Valid CreateOfferingRequest request) {
        return offerings.create(caller.id(), request)
                .map(o -> Response.created(URI.create("/offerings/" + o.id)).entity(OfferingView.of(o)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<OfferingView> get(@RestPath UUID id) {
        return offerings.ownOffering(caller.id(), id).map(OfferingView::of);
    }

    @GET
    public Uni<List<OfferingView>> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return offerings.ownOfferings(caller.id(), limit).map(list -> list.stream().map(OfferingView::of).toList());
    }
}
