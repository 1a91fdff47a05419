package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** matching-service's feed of the live market for the dashboard: one frame every quarter of a second. */
@RegisterRestClient(configKey = "matching-ops")
@Path("/ops")
public interface MatchingOps {

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    Multi<Map<String, Object>> stream(@HeaderParam("Authorization") String authorization);
}
