package io.flopx.catalog.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flopx.catalog.service.LeaseService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;

/** The provider's side of every fill on its offerings. */
@Path("/leases")
@Tag(name = "Leases", description = "What providers have leased, and their revenue")
public class LeaseResource {

    private final LeaseService leases;
    private final CallerTenant caller;

    public LeaseResource(LeaseService leases, CallerTenant caller) {
        this.leases = leases;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "provider", "operator" })
    @Operation(summary = "Your leases (operators: the most recent of all)")
    public Uni<List<LeaseView>> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return leases.visibleLeases(Callers.of(caller), limit).map(list -> list.stream().map(LeaseView::of).toList());
    }

    @GET
    @Path("/revenue")
    @RolesAllowed("provider")
    @Operation(summary = "Your revenue per offering, or per UTC day accrued hour by hour")
    public Uni<List<LeaseService.RevenueRow>> revenue(
            @QueryParam("by") @DefaultValue("offering") @Pattern(regexp = "offering|day", message = "must be offering or day") String by) {
        return "day".equals(by) ? leases.revenueByDay(caller.id()) : leases.revenueByOffering(caller.id());
    }
}
