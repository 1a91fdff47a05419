package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** order-service, for the dashboard (operators only): every tenant's standing plans, newest first. */
@RegisterRestClient(configKey = "order-ops")
public interface OrderOps {

    @GET
    @Path("/plans")
    Uni<List<Map<String, Object>>> plans(
            @HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit);
}
