package io.flopx.catalog.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.flopx.catalog.service.LeaseService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;

/** The provider's side of every fill on its offerings. */
@Path("/leases")
@RolesAllowed("provider")
public class LeaseResource {

    private final LeaseService leases;
    private final CallerTenant caller;

    public LeaseResource(LeaseService leases, CallerTenant caller) {
        this.leases = leases;
        this.caller = caller;
    }

    @GET
    public Uni<List<LeaseView>> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return leases.forProvider(caller.id(), limit).map(list -> list.stream().map(LeaseView::of).toList());
    }
}
