package io.flopx.gateway.dashboard;

import io.flopx.security.TokenTenant;
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
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The dashboard's live feed: Server-Sent Events, one frame of the whole exchange every quarter of a
 * second. The market comes from matching-service's feed (it reads the market data; the gateway, facing the
 * internet, holds no Kafka credentials), called with the operator's own access token; the services'
 * health from the gateway's own probe, so the page still shows it when matching-service is down; the money
 * from settlement-service's ledger totals, open disputes from settlement-service, every provider's and
 * site's reliability from catalog-service and the standing plans from order-service, with the same token.
 * Operators only, signed in through Keycloak (the gateway's web-app OIDC tenant).
 */
@Path("/dashboard")
@RolesAllowed("operator")
public class DashboardStream {

    static final Duration TICK = Duration.ofMillis(250);
    static final Duration MONEY_EVERY = Duration.ofSeconds(2);
    /** Scores and disputes change with agents' reports and operators' decisions: every five seconds is live. */
    static final Duration DELIVERY_EVERY = Duration.ofSeconds(5);
    /** The oldest open disputes shown (the count is of at most this many). */
    static final int DISPUTES_SHOWN = 500;
    /** The newest plans shown (the list has their coverage, spend and status, not their orders). */
    static final int PLANS_SHOWN = 50;

    private final OpsProbe ops;
    private final MatchingOps matching;
    private final SettlementOps settlement;
    private final CatalogOps catalog;
    private final OrderOps orders;

    @Inject
    SecurityIdentity identity;

    public DashboardStream(
            OpsProbe ops,
            @RestClient MatchingOps matching,
            @RestClient SettlementOps settlement,
            @RestClient CatalogOps catalog,
            @RestClient OrderOps orders) {
        this.orders = orders;
        this.ops = ops;
        this.matching = matching;
        this.settlement = settlement;
        this.catalog = catalog;
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
                            PolledLink<List<Map<String, Object>>> money =
                                    new PolledLink<>(() -> settlement.totals(authorization), List.of(), MONEY_EVERY);
                            // No answer is null, not an empty list: the page shows "–", never "0 disputes".
                            PolledLink<List<Map<String, Object>>> reliability =
                                    new PolledLink<>(() -> catalog.reliability(authorization), null, DELIVERY_EVERY);
                            PolledLink<List<Map<String, Object>>> disputes = new PolledLink<>(
                                    () -> settlement.disputes(authorization, "OPEN", DISPUTES_SHOWN),
                                    null,
                                    DELIVERY_EVERY);
                            PolledLink<List<Map<String, Object>>> plans = new PolledLink<>(
                                    () -> orders.plans(authorization, PLANS_SHOWN), null, DELIVERY_EVERY);
                            PolledLink<List<Map<String, Object>>> resale =
                                    new PolledLink<>(() -> catalog.resaleVolume(authorization), null, DELIVERY_EVERY);
                            List<PolledLink<?>> polled = List.of(money, reliability, disputes, plans, resale);
                            Cancellable ticks = Multi.createFrom()
                                    .ticks()
                                    .every(TICK)
                                    .onOverflow()
                                    .drop()
                                    .subscribe()
                                    .with(tick -> emitter.emit(frame(
                                            market.latest(),
                                            money.latest(),
                                            reliability.latest(),
                                            disputes.latest(),
                                            plans.latest(),
                                            resale.latest())));
                            emitter.onTermination(() -> {
                                ticks.cancel();
                                market.close();
                                polled.forEach(PolledLink::close);
                                ops.unwatched();
                            });
                            ops.watched();
                            market.open();
                            polled.forEach(PolledLink::open);
                        },
                        BackPressureStrategy.DROP);
    }

    /** Who is signed in, for the page's header. */
    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        String tenant = TokenTenant.of(identity);
        return Map.of("name", identity.getPrincipal().getName(), "tenant", String.valueOf(tenant));
    }

    private Map<String, Object> frame(
            Map<String, Object> market,
            List<Map<String, Object>> money,
            List<Map<String, Object>> reliability,
            List<Map<String, Object>> disputesOpen,
            List<Map<String, Object>> plans,
            List<Map<String, Object>> resale) {
        Map<String, Object> frame = new LinkedHashMap<>(market);
        frame.put("money", money);
        frame.put("reliability", reliability);
        frame.put("disputesOpen", disputesOpen);
        frame.put("plans", plans);
        frame.put("resale", resale);
        frame.put("at", System.currentTimeMillis());
        frame.put("health", ops.health());
        frame.put("lag", ops.lag());
        return frame;
    }
}
