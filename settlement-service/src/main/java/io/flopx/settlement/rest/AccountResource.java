package io.flopx.settlement.rest;

import io.flopx.settlement.domain.EntryKind;
import io.flopx.settlement.domain.StatementLine;
import io.flopx.settlement.service.AccountService;
import io.flopx.settlement.service.Caller;
import io.flopx.settlement.service.StatementQuery;
import io.flopx.support.ApiProblem;
import io.flopx.support.CallerTenant;
import io.flopx.support.Cursor;
import io.flopx.support.IsoCurrency;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Tenants' money: balances and statements for their holders, funding and credit for operators. */
@Path("/accounts")
@Tag(name = "Accounts", description = "Balances, statements, top-ups and credit limits (amounts in minor units)")
public class AccountResource {

    private static final String TENANT = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String TENANT_MESSAGE = "must be a tenant id: lower-case letters, digits and -";
    private static final String MONTH = "(19|20)[0-9]{2}-(0[1-9]|1[0-2])";
    private static final String MONTH_MESSAGE = "must be a month such as 2026-12";

    private final AccountService accounts;
    private final CallerTenant caller;

    public AccountResource(AccountService accounts, CallerTenant caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(summary = "Your balances, one per currency you hold money in")
    public Uni<AccountView> mine() {
        String tenant = caller.id();
        return accounts.balances(who(), tenant).map(b -> AccountView.of(tenant, b));
    }

    @GET
    @Path("/{tenant}")
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(summary = "A tenant's balances: your own (operators: anyone's); another tenant's is not found")
    public Uni<AccountView> get(@RestPath @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String tenant) {
        return accounts.balances(who(), tenant).map(b -> AccountView.of(tenant, b));
    }

    @GET
    @Path("/{tenant}/statement")
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(
            summary = "A tenant's ledger lines, newest first, a page of entries at a time: a full page answers a "
                    + "Link header (rel=\"next\") to the next")
    public Uni<RestResponse<List<StatementLineView>>> statement(
            @RestPath @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String tenant,
            @QueryParam("currency") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
                    String currency,
            @Parameter(description = "Only entries of this kind") @QueryParam("kind") EntryKind kind,
            @Parameter(description = "Entries per page") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
                    int limit,
            @Parameter(description = "Where the previous page ended (from its Link header)") @QueryParam("after")
                    String after) {
        StatementQuery query = new StatementQuery(tenant, currency, kind, Cursor.decode(after, "after"), limit);
        return accounts.statement(who(), query).map(lines -> {
            RestResponse.ResponseBuilder<List<StatementLineView>> ok = RestResponse.ResponseBuilder.ok(
                    lines.stream().map(StatementLineView::of).toList());
            long entries = lines.stream().map(StatementLine::entryId).distinct().count();
            if (entries < limit || lines.isEmpty()) {
                return ok.build();
            }
            StatementLine last = lines.get(lines.size() - 1);
            String filters = "/accounts/" + tenant + "/statement?limit=" + limit
                    + (currency == null ? "" : "&currency=" + currency)
                    + (kind == null ? "" : "&kind=" + kind);
            return ok.header("Link", Cursor.nextLink(filters, new Cursor(last.at(), last.entryId())))
                    .build();
        });
    }

    @GET
    @Path("/{tenant}/statements/{month}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(
            summary = "A tenant's monthly statement in one currency: per account the opening and closing balance and "
                    + "what moved, the month's entries by kind, and every line (Accept: text/csv for a download)")
    public Uni<MonthlyStatementView> monthly(
            @RestPath @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String tenant,
            @RestPath @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month,
            @QueryParam("currency")
                    @DefaultValue("CNY")
                    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
                    @IsoCurrency
                    String currency) {
        return accounts.monthly(who(), tenant, currency, YearMonth.parse(month)).map(MonthlyStatementView::of);
    }

    @GET
    @Path("/{tenant}/statements/{month}")
    @Produces("text/csv")
    @RolesAllowed({"enterprise", "provider", "operator"})
    @Operation(summary = "The same monthly statement as a CSV download (amounts in major units)")
    public Uni<Response> monthlyCsv(
            @RestPath @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String tenant,
            @RestPath @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month,
            @QueryParam("currency")
                    @DefaultValue("CNY")
                    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
                    @IsoCurrency
                    String currency) {
        return accounts.monthly(who(), tenant, currency, YearMonth.parse(month))
                .map(m -> Response.ok(StatementCsv.of(m), "text/csv; charset=utf-8")
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"flopx-" + tenant + "-" + month + "-" + currency + ".csv\"")
                        .build());
    }

    @POST
    @Path("/{tenant}/top-ups")
    @RolesAllowed("operator")
    @Operation(
            summary = "Credit money received for a tenant (a reconciled bank transfer); a retry with the same "
                    + "Idempotency-Key and body returns the first top-up (200)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TopUpView.class)))
    @APIResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TopUpView.class)))
    public Uni<Response> topUp(
            @RestPath @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String tenant,
            @Parameter(description = "Required: makes retries safe", example = "boc-2026-12-0001")
                    @HeaderParam("Idempotency-Key")
                    @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1 to 100 letters, digits or ._:-")
                    String idempotencyKey,
            @NotNull @Valid TopUpRequest request) {
        if (idempotencyKey == null) {
            throw ApiProblem.badRequest("Idempotency-Key", "a top-up needs an Idempotency-Key header");
        }
        return accounts.topUp(caller.id(), idempotencyKey, request.toCommand(tenant))
                .map(funded -> {
                    TopUpView view = TopUpView.of(funded);
                    return funded.replayed()
                            ? Response.ok(view)
                                    .header("Idempotent-Replayed", "true")
                                    .build()
                            : Response.created(URI.create("/accounts/" + tenant + "/statement"))
                                    .entity(view)
                                    .build();
                });
    }

    @PUT
    @Path("/{tenant}/credit-limit")
    @RolesAllowed("operator")
    @Operation(summary = "Set how far a tenant's available money may go below zero in a currency (0: no credit)")
    public Uni<BalanceView> creditLimit(
            @RestPath @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String tenant,
            @NotNull @Valid CreditLimitRequest request) {
        return accounts.setCreditLimit(request.toCommand(tenant)).map(BalanceView::of);
    }

    private Caller who() {
        return Caller.of(caller);
    }
}
