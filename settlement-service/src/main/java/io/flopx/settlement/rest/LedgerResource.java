package io.flopx.settlement.rest;

import io.flopx.settlement.domain.LedgerTotals;
import io.flopx.settlement.service.AccountService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The exchange's money as a whole, for operators. */
@Path("/ledger")
@Tag(name = "Accounts")
public class LedgerResource {

    private final AccountService accounts;

    public LedgerResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @Path("/totals")
    @RolesAllowed("operator")
    @Operation(
            summary = "Per currency: money paid in, tenants' available money and credit in use, holds, escrow, "
                    + "payables and fees (minor units)")
    public Uni<List<LedgerTotals>> totals() {
        return accounts.totals();
    }
}
