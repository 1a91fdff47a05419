package io.flopx.gateway.proxy;

import io.flopx.gateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant limits on writes (listings, orders, amendments, cancels, quotes): a rolling one-minute
 * window per tenant (SmallRye Fault Tolerance's rate limit), so one tenant's burst cannot crowd out the
 * others. Reads are not limited here; their pages are capped by the services.
 */
@ApplicationScoped
public class TenantRateLimits {

    private final Map<String, Guard> byTenant = new ConcurrentHashMap<>();
    private final GatewayConfig config;

    public TenantRateLimits(GatewayConfig config) {
        this.config = config;
    }

    /** Empty if the tenant may write now; otherwise how long until it may. */
    public OptionalLong retryAfterMillis(String tenant) {
        Guard guard = byTenant.computeIfAbsent(
                tenant,
                t -> Guard.create()
                        .withDescription("writes of tenant " + t)
                        .withRateLimit()
                        .limit(config.writesPerMinute())
                        .window(1, ChronoUnit.MINUTES)
                        .type(RateLimitType.ROLLING)
                        .done()
                        .build());
        try {
            guard.call(() -> Boolean.TRUE, Boolean.class);
            return OptionalLong.empty();
        } catch (RateLimitException e) {
            return OptionalLong.of(Math.max(1, e.getRetryAfterMillis()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
