package io.flopx.matching.rest;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;

/** What one matcher instance asks another (PeerResource), with the token of the caller it is answering. */
@Path("/peers")
public interface PeerApi {

    @POST
    @Path("/quote")
    List<EngineEvent.Fill> quote(@HeaderParam("Authorization") String authorization, PeerResource.QuoteRequest q);

    @GET
    @Path("/offerings")
    List<OfferingSpec> offerings(@HeaderParam("Authorization") String authorization);
}
