package io.flopx.settlement.rest;

import io.flopx.settlement.service.Caller;
import io.flopx.settlement.service.DeliveryService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Disputes of lease hours: operators decide them, with a note; both parties see theirs. */
@Path("/disputes")
@Tag(name = "Delivery", description = "Lease delivery records, outages, disputes and SLA credits")
public class DisputeResource {

    private final DeliveryService deliveries;
    private final CallerTenant caller;

    public DisputeResource(DeliveryService deliveries, CallerTenant caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(summary = "Disputes, oldest first (operators: everyone's; others: those of their leases)")
    public Uni<List<DisputeView>> list(
            @QueryParam("state")
                    @Pattern(regexp = "OPEN|ACCEPTED|REJECTED", message = "must be OPEN, ACCEPTED or REJECTED")
                    String state,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return deliveries
                .disputes(Caller.of(caller), state, limit)
                .map(list -> list.stream().map(DisputeView::of).toList());
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed("operator")
    @Operation(summary = "Accept (the hour counts as undelivered and is credited) or reject an open dispute")
    public Uni<DisputeView> decide(@RestPath UUID id, @NotNull @Valid DeliveryRequests.Decision d) {
        return deliveries.decide(Caller.of(caller), id, d.accept(), d.note()).map(DisputeView::of);
    }
}
