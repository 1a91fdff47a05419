package io.flopx.order.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.flopx.order.service.OrderService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;

@Path("/orders")
@RolesAllowed("enterprise")
public class OrderResource {

    private final OrderService orders;
    private final CallerTenant caller;

    public OrderResource(OrderService orders, CallerTenant caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    public Uni<Response> place(@NotNull @Valid PlaceOrderRequest request) {
        return orders.place(caller.id(), request)
                .map(o -> Response.created(URI.create("/orders/" + o.id)).entity(OrderView.of(o)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<OrderView> get(@RestPath UUID id) {
        return orders.ownOrder(caller.id(), id).map(OrderView::of);
    }

    @GET
    public Uni<List<OrderView>> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return orders.ownOrders(caller.id(), limit).map(list -> list.stream().map(OrderView::of).toList());
    }
}
