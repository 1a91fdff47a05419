package io.flopx.order.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of catalog-service's API that order-service reads: reference data. */
@RegisterRestClient(configKey = "catalog")
interface CatalogApi {

    // Tolerant readers: catalog-service's views have more fields than these.
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelRef(String id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HubRef(String id) {}

    @GET
    @Path("/models")
    Uni<List<ModelRef>> models(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/hubs")
    Uni<List<HubRef>> hubs(@HeaderParam("Authorization") String authorization);
}
