package io.flopx.order.rest;

import io.flopx.order.service.PlanService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/plans")
@Tag(name = "Plans", description = "Standing procurement: keep devices covered hour after hour, within a budget")
public class PlanResource {

    /** A new size for a plan. */
    public record Scale(@Min(1) @Max(100_000) int devices) {}

    private final PlanService plans;
    private final CallerTenant caller;
    private final JsonWebToken token;

    public PlanResource(PlanService plans, CallerTenant caller, JsonWebToken token) {
        this.plans = plans;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @RolesAllowed("enterprise")
    @Operation(summary = "Make a plan: its first orders are placed at once, the rest as hours come within reach")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PlanView.class)))
    public Uni<Response> create(@NotNull @Valid PlanRequest request) {
        return plans.create(caller.id(), token.getRawToken(), request.toCommand())
                .map(s -> Response.created(URI.create("/plans/" + s.plan().id()))
                        .entity(PlanView.of(s))
                        .build());
    }

    @GET
    @RolesAllowed({"enterprise", "operator"})
    @Operation(
            summary = "Plans, newest first, with their coverage and money but not their orders (see GET /plans/{id}): "
                    + "your own (operators: everyone's)")
    public Uni<List<PlanView>> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return plans.list(caller.id(), caller.isOperator(), limit)
                .map(list -> list.stream().map(PlanView::summary).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "operator"})
    @Operation(summary = "A plan with its coverage (device-hours filled ÷ wanted), spend and orders")
    public Uni<PlanView> get(@RestPath UUID id) {
        return plans.visible(caller.id(), caller.isOperator(), id).map(PlanView::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed("enterprise")
    @Operation(summary = "Scale a plan to a new number of devices for every hour still to buy")
    public Uni<PlanView> scale(@RestPath UUID id, @NotNull @Valid Scale scale) {
        return plans.scale(caller.id(), id, scale.devices()).map(PlanView::of);
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed("enterprise")
    @Operation(summary = "Stop a plan: its open orders are cancelled, its fills stand")
    public Uni<PlanView> stop(@RestPath UUID id) {
        return plans.stop(caller.id(), id).map(PlanView::of);
    }
}
