package io.flopx.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.gateway.config.GatewayConfig;
import io.flopx.gateway.proxy.RouteTable;
import io.flopx.gateway.proxy.Upstream;
import io.flopx.gateway.proxy.UpstreamClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document for the public API at {@code /openapi} (and in the Swagger UI at
 * {@code /q/swagger-ui}): the services' own documents merged, each path under {@code /api} and only the
 * paths the gateway routes to that service, with the bearer-token security scheme. Cached for a minute;
 * a service that is down is listed under {@code x-flopx-missing} instead of failing the whole document.
 */
@ApplicationScoped
public class PublicApiDocument {

    private static final Logger LOG = Logger.getLogger(PublicApiDocument.class);
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private final RouteTable routes;
    private final UpstreamClient upstreams;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private volatile String cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public PublicApiDocument(RouteTable routes, UpstreamClient upstreams, GatewayConfig config, ObjectMapper json) {
        this.routes = routes;
        this.upstreams = upstreams;
        this.config = config;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.get("/openapi").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        if (cached != null && cachedAt.plus(FRESH_FOR).isAfter(Instant.now())) {
            ctx.response().putHeader("Content-Type", "application/json").end(cached);
            return;
        }
        List<Uni<Map.Entry<Upstream, JsonNode>>> fetches = new ArrayList<>();
        for (Upstream upstream : routes.upstreams()) {
            fetches.add(fetch(upstream));
        }
        Uni.join()
                .all(fetches)
                .andCollectFailures()
                .subscribe()
                .with(
                        docs -> {
                            String merged = merge(docs);
                            if (docs.stream().allMatch(d -> d.getValue() != null)) {
                                cached = merged;
                                cachedAt = Instant.now();
                            }
                            ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(merged);
                        },
                        e -> ctx.fail(e));
    }

    private Uni<Map.Entry<Upstream, JsonNode>> fetch(Upstream upstream) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(upstream.baseUrl() + "/q/openapi?format=json")
                .setTimeout(config.upstreamTimeout().toMillis());
        return upstreams
                .send(upstream, options, null, true)
                .map(r -> r.status() == 200 ? parse(r.body().toString()) : null)
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("no OpenAPI document from %s: %s", upstream.name(), e.toString());
                    return null;
                })
                // An entry may hold null (no document): AbstractMap.SimpleEntry allows it, Map.entry does not.
                .map(doc -> new AbstractMap.SimpleEntry<>(upstream, doc));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** The services' paths the gateway routes to them, under /api, their schemas, and the bearer scheme. */
    String merge(List<Map.Entry<Upstream, JsonNode>> docs) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info")
                .put("title", "FlopX public API")
                .put("version", "1")
                .put(
                        "description",
                        "The exchange for compute power. Every call needs a bearer token from the FlopX "
                                + "OpenID Connect provider (audience flopx-api); roles provider, enterprise and operator.");
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        ArrayNode missing = json.createArrayNode();
        for (Map.Entry<Upstream, JsonNode> doc : docs) {
            if (doc.getValue() == null) {
                missing.add(doc.getKey().name());
                continue;
            }
            doc.getValue().path("paths").properties().forEach(p -> {
                String publicPath = RouteTable.PREFIX + p.getKey();
                if (routes.route(publicPath).filter(doc.getKey()::equals).isPresent()) {
                    paths.put(publicPath, withQualifiedOperationIds(p.getValue()));
                }
            });
            doc.getValue()
                    .path("components")
                    .path("schemas")
                    .properties()
                    .forEach(s -> schemas.putIfAbsent(s.getKey(), s.getValue()));
        }
        ObjectNode pathsNode = root.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode components = root.putObject("components");
        ObjectNode schemasNode = components.putObject("schemas");
        schemas.forEach(schemasNode::set);
        components
                .putObject("securitySchemes")
                .putObject("bearer")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT");
        root.putArray("security").addObject().putArray("bearer");
        if (!missing.isEmpty()) {
            root.set("x-flopx-missing", missing);
        }
        return root.toString();
    }

    /**
     * Each service names its operations after its resource methods ({@code list}, {@code get}), unique within a tag
     * but not across services; OpenAPI wants them unique in the document. Qualified with the first tag
     * ({@code Orders_list}), they are, and a generator that drops the prefix (flopx-client's) keeps the short
     * name within the tag's class.
     */
    private static JsonNode withQualifiedOperationIds(JsonNode pathItem) {
        ObjectNode copy = pathItem.deepCopy();
        copy.properties().forEach(operation -> {
            if (operation.getValue() instanceof ObjectNode op && op.hasNonNull("operationId")) {
                String tag = op.path("tags").path(0).asText("Api").replaceAll("[^A-Za-z0-9]", "");
                op.put("operationId", tag + "_" + op.get("operationId").asText());
            }
        });
        return copy;
    }
}
