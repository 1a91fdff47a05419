package io.flopx.settlement.rest;

import io.flopx.settlement.service.Caller;
import io.flopx.settlement.service.DeliveryService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Delivery of a lease (its id is the fill's): what the provider's agents report, what the buyer disputes, and
 * the verdicts and SLA credits that follow. Agents are machine clients (OIDC client credentials, role {@code
 * agent}) bound to their provider's tenant, like its users.
 */
@Path("/deliveries/{leaseId}")
@Tag(name = "Delivery", description = "Lease delivery records, outages, disputes and SLA credits")
public class DeliveryResource {

    private final DeliveryService deliveries;
    private final CallerTenant caller;

    public DeliveryResource(DeliveryService deliveries, CallerTenant caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"enterprise", "provider", "agent", "operator"})
    @Operation(summary = "A lease's delivery: each hour's verdict, outages, disputes and SLA credits")
    public Uni<DeliveryView> get(@RestPath UUID leaseId) {
        return deliveries.delivery(Caller.of(caller), leaseId).map(DeliveryView::of);
    }

    @POST
    @Path("/start")
    @RolesAllowed({"provider", "agent"})
    @Operation(summary = "The provider's agent: the lease started on these devices (once; a repeat answers the first)")
    public Uni<DeliveryView> started(@RestPath UUID leaseId, @NotNull @Valid DeliveryRequests.Started r) {
        Instant at = r.startedAt() == null ? Instant.now() : r.startedAt();
        return deliveries.started(Caller.of(caller), leaseId, at, r.deviceIds()).chain(() -> get(leaseId));
    }

    @POST
    @Path("/hours")
    @RolesAllowed({"provider", "agent"})
    @Operation(
            summary = "The provider's agent: an hour slot's availability, once the hour is over and before its grace "
                    + "period is (after it, an unreported hour of an offering with a commitment is undelivered)")
    public Uni<DeliveryView> hour(@RestPath UUID leaseId, @NotNull @Valid DeliveryRequests.HourReport r) {
        return deliveries
                .hourReported(Caller.of(caller), leaseId, r.hour(), r.devicesAvailable())
                .chain(() -> get(leaseId));
    }

    @POST
    @Path("/outages")
    @RolesAllowed({"provider", "agent"})
    @Operation(
            summary = "The provider's agent: an outage, once it is over; its device-hours are credited to the buyer at "
                    + "once")
    public Uni<DeliveryView> outage(@RestPath UUID leaseId, @NotNull @Valid DeliveryRequests.OutageReport r) {
        return deliveries
                .outage(Caller.of(caller), leaseId, r.start(), r.end(), r.devices(), r.cause())
                .chain(() -> get(leaseId));
    }

    @POST
    @Path("/disputes")
    @RolesAllowed("enterprise")
    @Operation(summary = "The buyer disputes an hour slot, with a reason (one dispute per hour); an operator decides")
    public Uni<DisputeView> dispute(@RestPath UUID leaseId, @NotNull @Valid DeliveryRequests.DisputeRequest r) {
        return deliveries
                .dispute(Caller.of(caller), leaseId, r.hour(), r.reason())
                .map(DisputeView::of);
    }
}
