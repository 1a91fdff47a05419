package io.flopx.catalog.rest;

import io.flopx.catalog.domain.ResaleListing;
import io.flopx.catalog.domain.ResaleVolume;
import io.flopx.catalog.service.ResaleService;
import io.flopx.support.CallerTenant;
import io.flopx.support.Cursor;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/resales")
@Tag(name = "Resale", description = "Enterprises sell back hours of leases they hold that have not started")
public class ResaleResource {

    private final ResaleService resales;
    private final CallerTenant caller;

    public ResaleResource(ResaleService resales, CallerTenant caller) {
        this.resales = resales;
        this.caller = caller;
    }

    @POST
    @RolesAllowed("enterprise")
    @Operation(
            summary = "Resell devices of a lease you hold over hours not yet started, at your own ask: a listing "
                    + "buyers find and buy like any offering (its provider still delivers; you are paid, less the "
                    + "fee, as its hours pass)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResaleView.class)))
    public Uni<Response> resell(@NotNull @Valid ResaleRequest request) {
        return resales.resell(caller.id(), request.toCommand())
                .map(ResaleView::of)
                .map(v -> Response.created(URI.create("/resales/" + v.id()))
                        .entity(v)
                        .build());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed("enterprise")
    @Operation(
            summary = "A new ask for one of your resale listings (to change devices or hours: withdraw and list again)")
    public Uni<ResaleView> reprice(@RestPath UUID id, @NotNull @Valid RepriceRequest request) {
        return resales.reprice(caller.id(), id, request.pricePerDeviceHour()).map(ResaleView::of);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed("enterprise")
    @Operation(summary = "Stop reselling: what was not sold is yours again (what was sold stays sold)")
    public Uni<ResaleView> withdraw(@RestPath UUID id) {
        return resales.withdraw(caller.id(), id).map(ResaleView::of);
    }

    @GET
    @Path("/volume")
    @RolesAllowed("operator")
    @Operation(
            summary = "Resale on the exchange per currency: listings (and those still selling), leases sold from "
                    + "them, their device-hours and turnover")
    public Uni<List<ResaleVolume>> volume() {
        return resales.volume();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "operator"})
    @Operation(summary = "One of your resale listings (operators: any), with what it has sold")
    public Uni<ResaleView> get(@RestPath UUID id) {
        return resales.visible(Callers.of(caller), id).map(ResaleView::of);
    }

    @GET
    @RolesAllowed({"enterprise", "operator"})
    @Operation(
            summary = "Your resale listings, newest first (operators: everyone's), a page at a time: a full page "
                    + "answers a Link header (rel=\"next\") to the next")
    public Uni<RestResponse<List<ResaleView>>> list(
            @Parameter(description = "Only the listings of this lease") @QueryParam("lease") UUID lease,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @Parameter(description = "Where the previous page ended (from its Link header)") @QueryParam("after")
                    String after) {
        return resales.visibleList(Callers.of(caller), lease, Cursor.decode(after, "after"), limit)
                .map(list -> {
                    ResaleListing last = list.isEmpty() ? null : list.get(list.size() - 1);
                    String query = "/resales?limit=" + limit + (lease == null ? "" : "&lease=" + lease);
                    String next = Cursor.nextLink(
                            query,
                            list.size() < limit || last == null
                                    ? null
                                    : new Cursor(last.offering().createdAt, last.offering().id));
                    RestResponse.ResponseBuilder<List<ResaleView>> ok = RestResponse.ResponseBuilder.ok(
                            list.stream().map(ResaleView::of).toList());
                    return next == null ? ok.build() : ok.header("Link", next).build();
                });
    }
}
