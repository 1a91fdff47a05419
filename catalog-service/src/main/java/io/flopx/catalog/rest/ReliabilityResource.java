package io.flopx.catalog.rest;

import io.flopx.catalog.service.ReliabilityService;
import io.flopx.support.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Providers' and sites' reliability scores: operators see every provider's, providers their own. */
@Path("/reliability")
@Tag(name = "Reliability", description = "Delivered ÷ judged device-hours per provider and site, over 30 days")
public class ReliabilityResource {

    private final ReliabilityService reliability;
    private final CallerTenant caller;

    public ReliabilityResource(ReliabilityService reliability, CallerTenant caller) {
        this.reliability = reliability;
        this.caller = caller;
    }

    /** One row: a provider (siteId null) or one of its sites. */
    public record Row(String provider, UUID siteId, ReliabilityView reliability) {}

    @GET
    @RolesAllowed({"provider", "operator"})
    @Operation(
            summary = "Reliability over the last 30 days per provider and per site (operators: every provider with "
                    + "history; providers: their own)")
    public Uni<List<Row>> table() {
        return reliability
                .table(Callers.of(caller))
                .map(rows -> rows.stream()
                        .map(r -> new Row(r.provider(), r.siteId(), ReliabilityView.of(r.reliability())))
                        .toList());
    }
}
