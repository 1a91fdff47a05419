package io.flopx.gateway.dashboard;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The dashboard's live feed: Server-Sent Events, one frame of the whole exchange every quarter of a
 * second. The market comes from matching-service's feed (it reads the market data; the gateway, facing the
 * internet, holds no Kafka credentials), called with the operator's own access token; the services'
 * health from the gateway's own probe, so the page still shows it when matching-service is down; the money
 * from settlement-service's ledger totals, with the same token.
 * Operators only, signed in through Keycloak (the gateway's web-app OIDC tenant).
 */
@Path("/dashboard")
@RolesAllowed("operator")
public class DashboardStream {

    static final Duration TICK = Duration.ofMillis(250);

    private final OpsProbe ops;
    private final MatchingOps matching;
    private final SettlementOps settlement;

    @Inject
    SecurityIdentity identity;

    public DashboardStream(OpsProbe ops, @RestClient MatchingOps matching, @RestClient SettlementOps settlement) {
        this.ops = ops;
        this.matching = matching;
        this.settlement = settlement;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Map<String, Object>> stream() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        String authorization = token == null ? null : "Bearer " + token.getToken();
        return Multi.createFrom()
                .emitter(
                        emitter -> {
                            // A refused token ends the page's stream: the browser reconnects, with a fresh token.
                            MarketFeedLink market = new MarketFeedLink(matching, authorization, emitter::complete);
                            MoneyLink money = new MoneyLink(settlement, authorization);
                            Cancellable ticks = Multi.createFrom()
                                    .ticks()
                                    .every(TICK)
                                    .onOverflow()
                                    .drop()
                                    .subscribe()
                                    .with(tick -> emitter.emit(frame(market.latest(), money.latest())));
                            emitter.onTermination(() -> {
                                ticks.cancel();
                                market.close();
                                money.close();
                                ops.unwatched();
                            });
                            ops.watched();
                            market.open();
                            money.open();
                        },
                        BackPressureStrategy.DROP);
    }

    /** Who is signed in, for the page's header. */
    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Object tenant = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("tenant") : null;
        return Map.of("name", identity.getPrincipal().getName(), "tenant", String.valueOf(tenant));
    }

    private Map<String, Object> frame(Map<String, Object> market, List<Map<String, Object>> money) {
        Map<String, Object> frame = new LinkedHashMap<>(market);
        frame.put("money", money);
        frame.put("at", System.currentTimeMillis());
        frame.put("health", ops.health());
        frame.put("lag", ops.lag());
        return frame;
    }
}
