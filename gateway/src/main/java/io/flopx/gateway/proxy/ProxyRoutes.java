package io.flopx.gateway.proxy;

import io.flopx.gateway.config.GatewayConfig;
import io.flopx.security.TokenTenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The public API: every request under {@code /api} is authenticated by Quarkus OIDC (see the HTTP
 * permissions in application.properties), limited per tenant if it writes, then forwarded with the
 * caller's token to the owning service, which checks the token again (zero trust). A service that is
 * down, slow or failing gives a quick 503 problem instead of a hang (see UpstreamClient).
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Request headers a service needs; hop-by-hop and client-forgeable forwarding headers stay out. */
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(
            "Authorization", "Content-Type", "Accept", "Idempotency-Key", "X-Request-Id", "traceparent", "tracestate");

    private static final List<String> FORWARDED_RESPONSE_HEADERS = List.of(
            "Content-Type",
            "Content-Disposition",
            "Location",
            "Link",
            "Retry-After",
            "X-Request-Id",
            "Idempotent-Replayed");
    /** Reads: never limited. Everything else (POST, PUT, PATCH, DELETE) is a write and counts. */
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private static final Set<HttpMethod> IDEMPOTENT =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final RouteTable routes;
    private final GatewayConfig config;
    private final UpstreamClient upstreams;
    private final TenantRateLimits rateLimits;
    private final StreamRelay streams;
    private final MeterRegistry registry;
    private final Counter rateLimited;

    public ProxyRoutes(
            RouteTable routes,
            GatewayConfig config,
            UpstreamClient upstreams,
            TenantRateLimits rateLimits,
            StreamRelay streams,
            MeterRegistry registry) {
        this.streams = streams;
        this.routes = routes;
        this.config = config;
        this.upstreams = upstreams;
        this.rateLimits = rateLimits;
        this.registry = registry;
        this.rateLimited = Counter.builder("flopx.gateway.rate.limited")
                .description("writes refused with 429")
                .register(registry);
        for (Upstream u : routes.upstreams()) {
            for (String reason : List.of("timeout", "unreachable", "circuit-open", "streams-full", "at-capacity")) {
                unavailableCounter(u, reason);
            }
        }
    }

    private Counter unavailableCounter(Upstream upstream, String reason) {
        return Counter.builder("flopx.gateway.upstream.unavailable")
                .tag("service", upstream.name())
                .tag("reason", reason)
                .description("calls answered 503 because a service was down, slow, paused or at capacity")
                .register(registry);
    }

    void register(@Observes Router router) {
        router.route(RouteTable.PREFIX + "/*")
                .handler(
                        BodyHandler.create().setBodyLimit(config.maxBodyBytes()).setHandleFileUploads(false))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        String path = ctx.request().path();
        Optional<Upstream> upstream = routes.route(path);
        if (upstream.isEmpty()) {
            problem(ctx, 404, "Not Found", "no API at " + path);
            return;
        }
        HttpMethod method = ctx.request().method();
        if (!READS.contains(method)) {
            OptionalLong wait = rateLimits.retryAfterMillis(tenantOf(ctx));
            if (wait.isPresent()) {
                rateLimited.increment();
                ctx.response().putHeader("Retry-After", String.valueOf((wait.getAsLong() + 999) / 1000));
                problem(
                        ctx,
                        429,
                        "Too Many Requests",
                        "the write limit of " + config.writesPerMinute()
                                + " per minute for your tenant is used up; retry after the Retry-After seconds");
                return;
            }
        }
        Upstream target = upstream.get();
        String query = ctx.request().query();
        String uri = target.baseUrl() + RouteTable.upstreamPath(path) + (query == null ? "" : "?" + query);
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(uri)
                .setTimeout(config.upstreamTimeout().toMillis());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        // The service's span is a child of the gateway's (which is a child of the caller's traceparent, if any).
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            options.putHeader(
                    "traceparent",
                    "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                            + span.getTraceFlags().asHex());
        }
        if (StreamRelay.wanted(ctx.request())) {
            streams.relay(ctx, options, e -> unavailable(ctx, target, e));
            return;
        }
        Buffer body = method == HttpMethod.GET ? null : ctx.body().buffer();
        boolean idempotent = IDEMPOTENT.contains(method) || ctx.request().getHeader("Idempotency-Key") != null;
        upstreams
                .send(target, options, body, idempotent)
                .subscribe()
                .with(r -> relay(ctx, r), e -> unavailable(ctx, target, e));
    }

    /** The tenant claim of the caller's token (authenticated before this handler runs); the subject if none. */
    private static String tenantOf(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt) {
            String tenant = TokenTenant.of(user.getSecurityIdentity());
            return tenant != null ? tenant : "subject:" + jwt.getSubject();
        }
        return "anonymous";
    }

    private static void relay(RoutingContext ctx, UpstreamResponse resp) {
        var out = ctx.response().setStatusCode(resp.status());
        MultiMap headers = resp.headers();
        for (String name : FORWARDED_RESPONSE_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                out.putHeader(
                        name,
                        name.equals("Location")
                                ? publicLocation(value)
                                : name.equals("Link") ? publicLink(value) : value);
            }
        }
        out.end(resp.body());
    }

    /**
     * Services answer with their own URLs (Quarkus makes them absolute, on the service's own port);
     * clients only know the gateway's, so keep the path and query and put them under the public prefix.
     */
    static String publicLocation(String location) {
        URI uri = URI.create(location);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return RouteTable.PREFIX + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** A {@code Link} header's target ({@code <uri>; rel=...}) under the public prefix, like a Location. */
    static String publicLink(String link) {
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return link;
        }
        return link.substring(0, open + 1) + publicLocation(link.substring(open + 1, close)) + link.substring(close);
    }

    private void unavailable(RoutingContext ctx, Upstream target, Throwable e) {
        // Calls shed without reaching the service (at capacity, circuit open) are counted, not logged one by one:
        // under overload they come by the thousand, and each line would cost more than the answer.
        boolean shed = e instanceof UpstreamClient.AtCapacity || e instanceof CircuitBreakerOpenException;
        LOG.logf(
                shed ? Logger.Level.DEBUG : Logger.Level.WARN,
                "%s unavailable for %s %s: %s",
                target.name(),
                ctx.request().method(),
                ctx.request().path(),
                e.toString());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String why;
        long retryAfter = 1;
        if (e instanceof StreamRelay.TooManyStreams) {
            why = ": " + e.getMessage();
            unavailableCounter(target, "streams-full").increment();
        } else if (e instanceof UpstreamClient.AtCapacity) {
            why = " is at capacity; retry shortly";
            unavailableCounter(target, "at-capacity").increment();
        } else if (e instanceof CircuitBreakerOpenException) {
            why = " is failing; calls are paused";
            retryAfter = Math.max(1, config.circuitDelay().toSeconds());
            unavailableCounter(target, "circuit-open").increment();
        } else {
            boolean timeout = UpstreamClient.isTimeout(e);
            why = timeout ? " did not answer in time" : " is unreachable";
            unavailableCounter(target, timeout ? "timeout" : "unreachable").increment();
        }
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
        problem(ctx, 503, "Service Unavailable", target.name() + why);
    }

    /** An RFC 9457 problem answered from the gateway itself (AuthProblems' refusals too). */
    static void problem(RoutingContext ctx, int status, String title, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(body.encode());
    }
}
