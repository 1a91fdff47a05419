package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service, for the dashboard (operators only): every provider's and site's reliability, and resale volume. */
@RegisterRestClient(configKey = "catalog-ops")
public interface CatalogOps {

    @GET
    @Path("/reliability")
    Uni<List<Map<String, Object>>> reliability(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/resales/volume")
    Uni<List<Map<String, Object>>> resaleVolume(@HeaderParam("Authorization") String authorization);
}
