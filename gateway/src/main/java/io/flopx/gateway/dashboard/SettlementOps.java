package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** settlement-service, for the dashboard (operators only): the money per currency, and disputes to decide. */
@RegisterRestClient(configKey = "settlement-ops")
public interface SettlementOps {

    @GET
    @Path("/ledger/totals")
    Uni<List<Map<String, Object>>> totals(@HeaderParam("Authorization") String authorization);

    /** Disputes in a state, oldest first (at most {@code limit}). */
    @GET
    @Path("/disputes")
    Uni<List<Map<String, Object>>> disputes(
            @HeaderParam("Authorization") String authorization,
            @QueryParam("state") String state,
            @QueryParam("limit") int limit);
}
