package io.flopx.matching.rest;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.service.MarketService;
import io.flopx.support.ApiProblem;
import io.flopx.support.CallerTenant;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The markets this instance owns, for its peers answering a quote that reaches hubs they do not own
 * (ExchangeMarkets). Not in the public API: the gateway routes nothing here. Peers call with the token of
 * the caller they answer, so what comes back is what that caller may see: another tenant's offerings and
 * fills carry neither the tenant nor the site, and an order may only be quoted as the caller's own or as
 * nobody's (a preview).
 */
@Path("/peers")
@Authenticated
public class PeerResource {

    private final MarketService market;
    private final CallerTenant caller;

    public PeerResource(MarketService market, CallerTenant caller) {
        this.market = market;
        this.caller = caller;
    }

    public record QuoteRequest(
            @NotBlank String hub,
            @NotNull OrderSpec order,
            @Min(0) long filledBefore,
            boolean passingThrough) {}

    @POST
    @Path("/quote")
    @Operation(hidden = true)
    public List<EngineEvent.Fill> quote(@NotNull @Valid QuoteRequest q) {
        OrderSpec order = q.order();
        if (order.tenant() != null && !order.tenant().equals(caller.id())) {
            throw new ApiProblem(403, "Forbidden", "order.tenant", "a quote is the caller's own or nobody's");
        }
        return market.quote(q.hub(), order, q.filledBefore(), q.passingThrough()).stream()
                .map(this::asSeenByCaller)
                .toList();
    }

    @GET
    @Path("/offerings")
    @Operation(hidden = true)
    public List<OfferingSpec> offerings() {
        return market.offerings().stream().map(this::asSeenByCaller).toList();
    }

    private EngineEvent.Fill asSeenByCaller(EngineEvent.Fill f) {
        if (caller.id().equals(f.offeringTenant())) {
            return f;
        }
        return new EngineEvent.Fill(
                f.fillId(),
                f.orderId(),
                f.orderTenant(),
                f.offeringId(),
                null,
                f.hub(),
                null,
                f.model(),
                f.pueMilli(),
                f.tdpWatts(),
                f.gflopsPerDevice(),
                f.devices(),
                f.startHour(),
                f.endHour(),
                f.pricePerDeviceHour(),
                f.currency(),
                f.throughput());
    }

    private OfferingSpec asSeenByCaller(OfferingSpec s) {
        if (caller.id().equals(s.tenant())) {
            return s;
        }
        return new OfferingSpec(
                s.id(),
                null,
                s.model(),
                s.hub(),
                null,
                s.pueMilli(),
                s.greenRating(),
                s.interconnect(),
                s.tdpWatts(),
                s.peakGflops(),
                s.devices(),
                s.fromHour(),
                s.untilHour(),
                s.pricePerDeviceHour(),
                s.currency(),
                s.reliabilityBps());
    }
}
