package io.flopx.settlement.rest;

import io.flopx.settlement.service.Caller;
import io.flopx.settlement.service.TradeSettlement;
import io.flopx.settlement.service.TradeSettlement.Fee;
import io.flopx.support.ApiProblem;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The exchange's fee on providers' payouts: a default, and overrides per provider set by operators. */
@Path("/fees/{tenant}")
@Tag(name = "Settlements")
public class FeeResource {

    private static final String TENANT = "[a-z0-9][a-z0-9-]{0,62}";

    private final TradeSettlement settlement;
    private final CallerTenant caller;

    public FeeResource(TradeSettlement settlement, CallerTenant caller) {
        this.settlement = settlement;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"provider", "operator"})
    @Operation(summary = "The fee a provider pays on its payouts (yours; operators: anyone's)")
    public Uni<Fee> fee(@RestPath @Pattern(regexp = TENANT, message = "must be a tenant id") String tenant) {
        if (!Caller.of(caller).maySee(tenant)) {
            throw ApiProblem.notFound("fee");
        }
        return settlement.fee(tenant);
    }

    @PUT
    @RolesAllowed("operator")
    @Operation(summary = "Set a provider's fee; fills already traded keep the fee in force when they traded")
    public Uni<Fee> setFee(
            @RestPath @Pattern(regexp = TENANT, message = "must be a tenant id") String tenant,
            @NotNull @Valid FeeRequest request) {
        return settlement.setFee(Caller.of(caller), tenant, request.bps());
    }

    @DELETE
    @RolesAllowed("operator")
    @Operation(summary = "Back to the default fee")
    public Uni<Fee> resetFee(@RestPath @Pattern(regexp = TENANT, message = "must be a tenant id") String tenant) {
        return settlement.setFee(Caller.of(caller), tenant, null);
    }
}
