package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.service.Caller;
import io.flopx.settlement.service.TradeSettlement;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** How far each fill's money has moved: escrowed, paying out, paid out or refunded. */
@Path("/settlements")
@Tag(name = "Settlements", description = "The money of each fill (lease): escrow, payouts, fees and refunds")
public class SettlementResource {

    private final TradeSettlement settlement;
    private final CallerTenant caller;

    public SettlementResource(TradeSettlement settlement, CallerTenant caller) {
        this.settlement = settlement;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(
            summary = "Fills you bought or provided, newest first (operators: everyone's, or one tenant's); a full "
                    + "page answers a Link header (rel=\"next\") to the next")
    public Uni<RestResponse<List<LeaseSettlementView>>> list(
            @Parameter(description = "Operators: only this tenant's (as buyer or provider)")
                    @QueryParam("tenant")
                    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a tenant id")
                    String tenant,
            @Parameter(description = "Only this order's fills") @QueryParam("order") UUID orderId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @Parameter(description = "Where the previous page ended (from its Link header)") @QueryParam("after")
                    String after) {
        caller.mayName(tenant);
        return settlement
                .leases(Caller.of(caller), tenant, orderId, Cursor.decode(after, "after"), limit)
                .map(leases -> {
                    RestResponse.ResponseBuilder<List<LeaseSettlementView>> ok = RestResponse.ResponseBuilder.ok(
                            leases.stream().map(LeaseSettlementView::of).toList());
                    if (leases.size() < limit) {
                        return ok.build();
                    }
                    Lease last = leases.get(leases.size() - 1);
                    String filters = "/settlements?limit=" + limit
                            + (tenant == null ? "" : "&tenant=" + tenant)
                            + (orderId == null ? "" : "&order=" + orderId);
                    return ok.header("Link", Cursor.nextLink(filters, new Cursor(last.tradedAt(), last.fillId())))
                            .build();
                });
    }

    @GET
    @Path("/{fillId}")
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(summary = "One fill's money, for its buyer and its provider (operators: any)")
    public Uni<LeaseSettlementView> get(@RestPath UUID fillId) {
        return settlement.lease(Caller.of(caller), fillId).map(LeaseSettlementView::of);
    }
}
