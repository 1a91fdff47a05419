package io.flopx.settlement.rest;

import io.flopx.settlement.domain.VoucherProgramTotals;
import io.flopx.settlement.service.Caller;
import io.flopx.settlement.service.VoucherService;
import io.flopx.support.ApiProblem;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Compute vouchers (算力券): issued by operators for programs, held by enterprises. */
@Path("/vouchers")
@Tag(name = "Vouchers", description = "Compute vouchers: earmarked, expiring value from subsidy programs")
public class VoucherResource {

    private static final String ID = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String ID_MESSAGE = "must be lower-case letters, digits and -";

    private final VoucherService vouchers;
    private final CallerTenant caller;

    public VoucherResource(VoucherService vouchers, CallerTenant caller) {
        this.vouchers = vouchers;
        this.caller = caller;
    }

    @POST
    @RolesAllowed("operator")
    @Operation(
            summary = "Issue a voucher to an enterprise for a program; a retry with the same Idempotency-Key and "
                    + "body returns the first voucher (200)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VoucherView.class)))
    public Uni<Response> issue(
            @Parameter(description = "Required: makes retries safe", example = "gz-2026-000123")
                    @HeaderParam("Idempotency-Key")
                    @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1 to 100 letters, digits or ._:-")
                    String idempotencyKey,
            @NotNull @Valid IssueVoucherRequest request) {
        if (idempotencyKey == null) {
            throw ApiProblem.badRequest("Idempotency-Key", "issuing a voucher needs an Idempotency-Key header");
        }
        return vouchers.issue(caller.id(), idempotencyKey, request.toCommand()).map(issued -> {
            VoucherView view = VoucherView.of(issued.voucher(), Instant.now());
            return issued.replayed()
                    ? Response.ok(view).header("Idempotent-Replayed", "true").build()
                    : Response.created(URI.create(
                                    "/vouchers?tenant=" + issued.voucher().tenant()))
                            .entity(view)
                            .build();
        });
    }

    @GET
    @RolesAllowed({"enterprise", "operator"})
    @Operation(summary = "Your vouchers, soonest to expire first (operators: anyone's, by tenant and program)")
    public Uni<List<VoucherView>> list(
            @QueryParam("tenant") @Pattern(regexp = ID, message = ID_MESSAGE) String tenant,
            @QueryParam("program") @Pattern(regexp = ID, message = ID_MESSAGE) String program,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Instant now = Instant.now();
        caller.mayName(tenant);
        return vouchers.list(Caller.of(caller), tenant, program, limit)
                .map(list -> list.stream().map(v -> VoucherView.of(v, now)).toList());
    }

    @GET
    @Path("/programs/{program}")
    @RolesAllowed("operator")
    @Operation(
            summary = "A program's vouchers per currency: issued, outstanding, lapsed back to it, redeemed (the "
                    + "rest), and what they paid for by hub")
    public Uni<List<ProgramView>> program(@RestPath @Pattern(regexp = ID, message = ID_MESSAGE) String program) {
        return Uni.combine()
                .all()
                .unis(vouchers.program(program), vouchers.programUse(program))
                .with((totals, use) -> totals.stream()
                        .map(t -> ProgramView.of(
                                program,
                                t,
                                use.stream()
                                        .filter(u -> u.currency().equals(t.currency()))
                                        .map(u -> new HubUseView(u.hub(), u.fills(), u.redeemed()))
                                        .toList()))
                        .toList());
    }

    /**
     * One program's vouchers in one currency, minor units; {@code byHub}: what they paid for in each hub (fills
     * that stand), which sums to {@code redeemed}.
     */
    public record ProgramView(
            String program,
            String currency,
            long vouchers,
            long issued,
            long outstanding,
            long lapsed,
            long redeemed,
            List<HubUseView> byHub) {

        static ProgramView of(String program, VoucherProgramTotals t, List<HubUseView> byHub) {
            return new ProgramView(
                    program, t.currency(), t.vouchers(), t.issued(), t.outstanding(), t.lapsed(), t.redeemed(), byHub);
        }
    }

    /** What a program's vouchers paid for in one hub: how many fills, how much. */
    public record HubUseView(String hub, long fills, long redeemed) {}
}
