package io.flopx.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of matching-service's API that order-service calls: the quote, in the matcher's integer units. */
@RegisterRestClient(configKey = "matching")
interface MatchingApi {

    @POST
    @Path("/market/quote")
    Uni<JsonNode> quote(@HeaderParam("Authorization") String authorization, MatcherQuoteRequest request);
}
