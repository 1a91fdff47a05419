package io.flopx.matching.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.flopx.matching.service.MarketService;
import io.quarkus.security.Authenticated;

/** Market data: anonymised, visible to everyone signed in. */
@Path("/market")
@Authenticated
public class MarketResource {

    private final MarketService market;

    public MarketResource(MarketService market) {
        this.market = market;
    }

    /** Comparing two instances (or two replays) of the same market: equal hashes, equal books. */
    @GET
    @Path("/state-hash")
    public Map<String, String> stateHash() {
        return Map.of("stateHash", market.stateHash());
    }

    @GET
    @Path("/depth")
    public List<MarketService.DepthRow> depth() {
        return market.depth();
    }
}
