package io.flopx.order.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.flopx.order.service.OrderService;
import io.flopx.support.CallerTenant;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public quote ({@code POST /api/market/quote} at the gateway): exactly the order's body, validated as an order. */
@Path("/market/quote")
@Tag(name = "Market", description = "Quotes")
public class QuoteResource {

    private final OrderService orders;
    private final CallerTenant caller;
    private final JsonWebToken token;

    public QuoteResource(OrderService orders, CallerTenant caller, JsonWebToken token) {
        this.orders = orders;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @Authenticated
    @Operation(
            summary =
                    "What this order would get now and its cost; if not all, why and the nearest alternative. Places nothing")
    // matching-service owns the quote's shape (its schema "Quote"): the gateway's merged document resolves it.
    @APIResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Quote")))
    public Uni<JsonNode> quote(@NotNull @Valid PlaceOrderRequest request) {
        return orders.quote(caller.id(), token.getRawToken(), request.toCommand());
    }
}
