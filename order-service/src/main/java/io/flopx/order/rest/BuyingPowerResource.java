package io.flopx.order.rest;

import io.flopx.order.domain.BuyingPower;
import io.flopx.order.service.BuyingPowerService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a tenant may still commit to new orders, per currency (pre-trade risk). */
@Path("/buying-power")
@Tag(name = "Orders", description = "Compute orders: devices or throughput at a precision")
public class BuyingPowerResource {

    private final BuyingPowerService service;
    private final CallerTenant caller;

    public BuyingPowerResource(BuyingPowerService service, CallerTenant caller) {
        this.service = service;
        this.caller = caller;
    }

    /** One currency of a tenant's buying power, in minor units. */
    public record BuyingPowerView(
            String tenant,
            String currency,

            @Schema(description = "What the tenant paid in (settlement-service's top-ups)")
            long paidIn,

            long creditLimit,

            @Schema(description = "What its standing fills cost at their trade prices, less what vouchers paid")
            long charged,

            @Schema(
                    description = "What its open orders hold in its money: the worst case of what each still wants, "
                            + "less what vouchers back")
            long held,

            @Schema(description = "paidIn + creditLimit - charged - held: what new orders may still commit")
            long free,

            @Schema(description = "What its unexpired compute vouchers have left to back orders")
            long vouchersLeft,

            @Schema(description = "What its open orders hold of its vouchers")
            long vouchersHeld,

            @Schema(description = "What fills drew from its vouchers")
            long vouchersDrawn) {

        static BuyingPowerView of(BuyingPower b) {
            return new BuyingPowerView(
                    b.tenant(),
                    b.currency(),
                    b.paidIn(),
                    b.creditLimit(),
                    b.charged(),
                    b.held(),
                    b.free(),
                    b.vouchersLeft(),
                    b.vouchersHeld(),
                    b.vouchersDrawn());
        }
    }

    @GET
    @RolesAllowed({"enterprise", "operator"})
    @Operation(
            summary = "Buying power per currency: funding, what fills cost, what open orders hold, what is free "
                    + "(operators: any tenant's, or all)")
    public Uni<List<BuyingPowerView>> buyingPower(
            @QueryParam("tenant") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a tenant id")
                    String tenant) {
        caller.mayName(tenant);
        return service.visible(caller.id(), caller.isOperator(), tenant)
                .map(all -> all.stream().map(BuyingPowerView::of).toList());
    }
}
