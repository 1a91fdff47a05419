package io.flopx.gateway.proxy;

import io.flopx.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Callers whose credentials are refused (401): counted per client address in one-minute windows. An address
 * past {@code flopx.gateway.refused-per-minute} refusals gets 429 with Retry-After for the rest of the minute,
 * before any token is looked at, so a flood of garbage tokens costs almost nothing. Each refusal is logged at
 * DEBUG at most; once a minute one INFO line sums them up.
 */
@ApplicationScoped
public class RefusedCallers {

    private static final Logger LOG = Logger.getLogger(RefusedCallers.class);
    /**
     * Right after the body handler, before the handlers that authenticate (Quarkus installs those as filters,
     * at negative orders well after this one): a blocked address costs no token check, and every 401 the
     * authentication sends is seen by the headers-end hook set here.
     */
    private static final int BEFORE_AUTHENTICATION = RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1;

    private final int limit;
    private final Set<String> exempt;
    private final Map<String, AtomicInteger> thisMinute = new ConcurrentHashMap<>();
    private final AtomicLong blocked = new AtomicLong();

    public RefusedCallers(GatewayConfig config) {
        this.limit = config.refusedPerMinute();
        this.exempt = Set.copyOf(config.refusedExempt().orElse(List.of()));
    }

    void register(@Observes Router router) {
        router.route().order(BEFORE_AUTHENTICATION).handler(this::screen);
    }

    private void screen(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        if (exempt.contains(address)) {
            ctx.next();
            return;
        }
        AtomicInteger refused = thisMinute.get(address);
        if (refused != null && refused.get() >= limit) {
            blocked.incrementAndGet();
            ctx.response()
                    .setStatusCode(429)
                    .putHeader("Retry-After", "60")
                    .putHeader("Content-Type", "application/problem+json")
                    .end(
                            "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                                    + "\"detail\":\"too many requests with refused credentials from this address; retry in a minute\"}");
            return;
        }
        ctx.addHeadersEndHandler(ignored -> {
            if (ctx.response().getStatusCode() == 401) {
                thisMinute.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                LOG.debugf(
                        "credentials refused for %s %s from %s",
                        ctx.request().method(), ctx.request().path(), address);
            }
        });
        ctx.next();
    }

    /** Starts a new window and sums up the last one in one line, if anything was refused. */
    @Scheduled(every = "60s", delayed = "60s")
    void summarise() {
        Map<String, AtomicInteger> last = Map.copyOf(thisMinute);
        thisMinute.clear();
        long turnedAway = blocked.getAndSet(0);
        if (last.isEmpty()) {
            return;
        }
        int total = last.values().stream().mapToInt(AtomicInteger::get).sum();
        Map.Entry<String, AtomicInteger> most = last.entrySet().stream()
                .max(Comparator.comparingInt(e -> e.getValue().get()))
                .orElseThrow();
        LOG.infof(
                "last minute: %d requests with missing or invalid credentials from %d addresses (most: %s, %d); %d turned "
                        + "away with 429",
                total, last.size(), most.getKey(), most.getValue().get(), turnedAway);
    }
}
