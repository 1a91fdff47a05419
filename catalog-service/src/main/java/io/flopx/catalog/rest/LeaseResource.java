package io.flopx.catalog.rest;

import io.flopx.catalog.service.Caller;
import io.flopx.catalog.service.LeaseService;
import io.flopx.support.CallerTenant;
import io.flopx.support.Cursor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

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
    @RolesAllowed({"provider", "operator"})
    @Operation(
            summary = "Your leases by start (operators: everyone's, newest first), a page at a time: a full page "
                    + "answers a Link header (rel=\"next\") to the next")
    public Uni<RestResponse<List<LeaseView>>> list(
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @Parameter(description = "Where the previous page ended (from its Link header)") @QueryParam("after")
                    String after) {
        Caller who = Callers.of(caller);
        return leases.visibleLeases(who, Cursor.decode(after, "after"), limit).map(list -> {
            String next = Cursor.nextLink(
                    "/leases",
                    limit,
                    list.size(),
                    list.isEmpty() ? null : LeaseService.cursorAfter(who, list.get(list.size() - 1)));
            RestResponse.ResponseBuilder<List<LeaseView>> ok = RestResponse.ResponseBuilder.ok(
                    list.stream().map(LeaseView::of).toList());
            return next == null ? ok.build() : ok.header("Link", next).build();
        });
    }

    @GET
    @Path("/revenue")
    @RolesAllowed("provider")
    @Operation(summary = "Your revenue per offering, or per UTC day accrued hour by hour")
    public Uni<List<LeaseService.RevenueRow>> revenue(
            @QueryParam("by")
                    @DefaultValue("offering")
                    @Pattern(regexp = "offering|day", message = "must be offering or day")
                    String by) {
        return "day".equals(by) ? leases.revenueByDay(caller.id()) : leases.revenueByOffering(caller.id());
    }
}
