package io.flopx.gateway.proxy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.flopx.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The public API: every request under {@code /api} is authenticated by Quarkus OIDC (see the HTTP
 * permissions in application.properties), then forwarded with the caller's token to the owning service,
 * which checks the token again (zero trust). A service that is down or slow gives a quick 503
 * problem instead of a hang.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Request headers a service needs; hop-by-hop and client-forgeable forwarding headers stay out. */
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            "Idempotency-Key", "X-Request-Id", "traceparent");
    private static final List<String> FORWARDED_RESPONSE_HEADERS = List.of("Content-Type", "Location", "Retry-After",
            "X-Request-Id");

    private final RouteTable routes;
    private final GatewayConfig config;
    private final HttpClient client;

    public ProxyRoutes(RouteTable routes, GatewayConfig config, Vertx vertx) {
        this.routes = routes;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.upstreamTimeout().toMillis(), 2000))
                .setKeepAlive(true)
                .setMaxPoolSize(64));
    }

    void register(@Observes Router router) {
        router.route(RouteTable.PREFIX + "/*")
                .handler(BodyHandler.create().setBodyLimit(config.maxBodyBytes()).setHandleFileUploads(false))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        String path = ctx.request().path();
        Optional<Upstream> upstream = routes.route(path);
        if (upstream.isEmpty()) {
            problem(ctx, 404, "Not Found", "no API at " + path);
            return;
        }
        Upstream target = upstream.get();
        String query = ctx.request().query();
        String uri = target.baseUrl() + RouteTable.upstreamPath(path) + (query == null ? "" : "?" + query);
        RequestOptions options = new RequestOptions()
                .setMethod(ctx.request().method())
                .setAbsoluteURI(uri)
                .setTimeout(config.upstreamTimeout().toMillis());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        Buffer body = ctx.body().buffer();
        client.request(options)
                .compose(req -> body == null || ctx.request().method() == HttpMethod.GET ? req.send() : req.send(body))
                .compose(resp -> resp.body().map(b -> Map.entry(resp, b)))
                .onSuccess(r -> relay(ctx, r.getKey(), r.getValue()))
                .onFailure(e -> unavailable(ctx, target, e));
    }

    private static void relay(RoutingContext ctx, HttpClientResponse resp, Buffer body) {
        var out = ctx.response().setStatusCode(resp.statusCode());
        MultiMap headers = resp.headers();
        for (String name : FORWARDED_RESPONSE_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                out.putHeader(name, name.equals("Location") ? publicLocation(value) : value);
            }
        }
        out.end(body);
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

    private static void unavailable(RoutingContext ctx, Upstream target, Throwable e) {
        LOG.warnf("%s unavailable for %s %s: %s", target.name(), ctx.request().method(), ctx.request().path(), e.toString());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String why = e instanceof TimeoutException || e.getMessage() != null && e.getMessage().contains("timeout")
                ? " did not answer in time" : " is unreachable";
        ctx.response().putHeader("Retry-After", "1");
        problem(ctx, 503, "Service Unavailable", target.name() + why);
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }
}
