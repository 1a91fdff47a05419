package io.flopx.gateway.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;

/**
 * The dashboard's live feed: Server-Sent Events, one snapshot of the whole exchange every quarter of a
 * second, however many events arrived in between (aggregated by MarketFeed), so the page stays smooth
 * at any event rate. Operators only, signed in through Keycloak (the gateway's web-app OIDC tenant).
 */
@Path("/dashboard")
@RolesAllowed("operator")
public class DashboardStream {

    static final Duration TICK = Duration.ofMillis(250);

    private final MarketFeed feed;
    private final OpsProbe ops;

    @Inject
    SecurityIdentity identity;

    public DashboardStream(MarketFeed feed, OpsProbe ops) {
        this.feed = feed;
        this.ops = ops;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Map<String, Object>> stream() {
        return Multi.createFrom().ticks().every(TICK).onOverflow().drop().map(tick -> frame())
                .onSubscription().invoke(ops::watched)
                .onTermination().invoke(ops::unwatched);
    }

    /** Who is signed in, for the page's header. */
    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Object tenant = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("tenant") : null;
        return Map.of("name", identity.getPrincipal().getName(), "tenant", String.valueOf(tenant));
    }

    private Map<String, Object> frame() {
        Map<String, Object> frame = new LinkedHashMap<>(feed.snapshot());
        frame.put("at", System.currentTimeMillis());
        frame.put("eventsPerSecond", ops.eventsPerSecond());
        frame.put("lag", ops.lag());
        frame.put("health", ops.health());
        return frame;
    }
}
