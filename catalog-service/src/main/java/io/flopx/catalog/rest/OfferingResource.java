package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.service.OfferingService;
import io.flopx.catalog.service.SearchService;
import io.flopx.support.CallerTenant;
import io.flopx.support.Cursor;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

@Path("/offerings")
@Tag(name = "Offerings", description = "Capacity providers list, and buyers search")
public class OfferingResource {

    private final OfferingService offerings;
    private final SearchService search;
    private final CallerTenant caller;

    public OfferingResource(OfferingService offerings, SearchService search, CallerTenant caller) {
        this.offerings = offerings;
        this.search = search;
        this.caller = caller;
    }

    @POST
    @RolesAllowed("provider")
    @Operation(summary = "List capacity at one of your sites")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OfferingView.class)))
    public Uni<Response> create(@NotNull @Valid CreateOfferingRequest request) {
        return offerings
                .create(caller.id(), request.toCommand())
                .chain(this::view)
                .map(v -> Response.created(URI.create("/offerings/" + v.id()))
                        .entity(v)
                        .build());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed("provider")
    @Operation(summary = "Change the price, the device count or the end of the window (never below what is leased)")
    public Uni<OfferingView> amend(@RestPath UUID id, @NotNull @Valid AmendOfferingRequest request) {
        return offerings.amend(caller.id(), id, request.toCommand()).chain(this::view);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed("provider")
    @Operation(summary = "Stop selling an offering that has no leases still to run")
    public Uni<OfferingView> withdraw(@RestPath UUID id) {
        return offerings.withdraw(caller.id(), id).chain(this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"provider", "operator"})
    @Operation(summary = "One of your offerings (operators: any)")
    public Uni<OfferingView> get(@RestPath UUID id) {
        return offerings.visible(Callers.of(caller), id).chain(this::view);
    }

    @GET
    @RolesAllowed({"provider", "operator"})
    @Operation(
            summary = "Your offerings, newest first (operators: all, or one tenant's), a page at a time: a full page "
                    + "answers a Link header (rel=\"next\") to the next")
    public Uni<RestResponse<List<OfferingView>>> list(
            @QueryParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @Parameter(description = "Where the previous page ended (from its Link header)") @QueryParam("after")
                    String after) {
        caller.mayName(tenant);
        return offerings
                .visibleList(Callers.of(caller), tenant, Cursor.decode(after, "after"), limit)
                .chain(list -> {
                    Offering last = list.isEmpty() ? null : list.get(list.size() - 1);
                    String query = "/offerings?limit=" + limit
                            + (tenant == null ? "" : "&tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8));
                    String next = Cursor.nextLink(
                            query, list.size() < limit || last == null ? null : new Cursor(last.createdAt, last.id));
                    return views(list).map(views -> {
                        RestResponse.ResponseBuilder<List<OfferingView>> ok = RestResponse.ResponseBuilder.ok(views);
                        return next == null
                                ? ok.build()
                                : ok.header("Link", next).build();
                    });
                });
    }

    @GET
    @Path("/search")
    @Authenticated
    @Operation(
            summary =
                    "Search active offerings by model, vendor, hub, throughput, price, PUE, green rating, interconnect and window")
    public Uni<SearchPage> search(@Valid @BeanParam SearchRequest request) {
        return search.search(request.toSearch()).map(SearchPage::of);
    }

    private Uni<OfferingView> view(Offering o) {
        return views(List.of(o)).map(l -> l.get(0));
    }

    private Uni<List<OfferingView>> views(List<Offering> list) {
        return offerings
                .detailed(list)
                .map(details -> details.stream()
                        .map(d -> OfferingView.of(d.offering(), d.site(), d.model()))
                        .toList());
    }
}
