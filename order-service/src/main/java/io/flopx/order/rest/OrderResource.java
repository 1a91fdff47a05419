package io.flopx.order.rest;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.service.OrderService;
import io.flopx.support.CallerTenant;
import io.flopx.support.Cursor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/orders")
@Tag(name = "Orders", description = "Compute orders: devices or throughput at a precision")
public class OrderResource {

    private final OrderService orders;
    private final CallerTenant caller;
    private final JsonWebToken token;

    public OrderResource(OrderService orders, CallerTenant caller, JsonWebToken token) {
        this.orders = orders;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @RolesAllowed("enterprise")
    @Operation(summary = "Place an order; a retry with the same Idempotency-Key and body returns the original (200)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> place(
            @Parameter(
                            description = "Makes retries safe: the same key and body return the first order",
                            example = "3f6c1e2a-run-7")
                    @HeaderParam("Idempotency-Key")
                    @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1 to 100 letters, digits or ._:-")
                    String idempotencyKey,
            @NotNull @Valid PlaceOrderRequest request) {
        return orders.place(caller.id(), token.getRawToken(), idempotencyKey, request.toCommand())
                .map(p -> {
                    OrderView view = OrderView.of(p.order(), null);
                    return p.replayed()
                            ? Response.ok(view)
                                    .header("Idempotent-Replayed", "true")
                                    .build()
                            : Response.created(URI.create("/orders/" + p.order().id))
                                    .entity(view)
                                    .build();
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "operator"})
    @Operation(summary = "One order with its fills, totals and history (operators: any)")
    public Uni<OrderView> get(@RestPath UUID id) {
        return orders.visible(caller.id(), caller.isOperator(), id)
                .chain(o -> orders.history(o.id).map(h -> OrderView.of(o, h)));
    }

    @GET
    @RolesAllowed({"enterprise", "operator"})
    @Operation(
            summary = "Your orders, newest first, filtered by status, time placed, model or precision, a page at a "
                    + "time: a full page answers a Link header (rel=\"next\") to the next")
    public Uni<RestResponse<List<OrderView>>> list(@Valid @BeanParam OrderQuery query, @Context UriInfo uri) {
        caller.mayName(query.tenant);
        return orders.list(caller.id(), caller.isOperator(), query.filter()).map(list -> {
            RestResponse.ResponseBuilder<List<OrderView>> ok = RestResponse.ResponseBuilder.ok(
                    list.stream().map(o -> OrderView.of(o, null)).toList());
            if (list.size() < query.size) {
                return ok.build();
            }
            ComputeOrder last = list.get(list.size() - 1);
            return ok.header(
                            "Link",
                            Cursor.nextLink(pathWithout(uri, "after", "page"), new Cursor(last.createdAt, last.id)))
                    .build();
        });
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The request's path and query without the named parameters (for a next-page link). */
    private static String pathWithout(UriInfo uri, String... dropped) {
        StringBuilder query = new StringBuilder();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!Arrays.asList(dropped).contains(name)) {
                values.forEach(v -> query.append(query.isEmpty() ? "?" : "&")
                        .append(encode(name))
                        .append('=')
                        .append(encode(v)));
            }
        });
        return uri.getPath() + query;
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed("enterprise")
    @Operation(summary = "Amend the limit or the quantity (cancel-replace: the order loses its time priority)")
    public Uni<OrderView> amend(@RestPath UUID id, @NotNull @Valid AmendOrderRequest request) {
        return orders.amend(caller.id(), id, request.toCommand()).map(o -> OrderView.of(o, null));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("enterprise")
    @Operation(summary = "Cancel whatever is not filled yet; 202: the order is CANCELLED when the matcher confirms")
    @APIResponse(
            responseCode = "202",
            description = "Accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> cancel(@RestPath UUID id) {
        return orders.cancel(caller.id(), id)
                .map(o -> Response.accepted(OrderView.of(o, null)).build());
    }
}
