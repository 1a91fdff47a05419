package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** settlement-service's totals of the exchange's money per currency, for the dashboard (operators only). */
@RegisterRestClient(configKey = "settlement-ops")
@Path("/ledger")
public interface SettlementOps {

    @GET
    @Path("/totals")
    Uni<List<Map<String, Object>>> totals(@HeaderParam("Authorization") String authorization);
}
