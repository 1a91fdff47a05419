package io.flopx.gateway;

import io.flopx.embedded.infra.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for catalog- and order-service: a real HTTP server that answers with what it received, so
 * the tests can see exactly what the gateway forwards. matching-service is pointed at a closed port.
 */
public class EchoUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    /** Streams whose caller went away (the gateway closed the connection). */
    private final AtomicInteger streamsClosed = new AtomicInteger();
    /** Calls to /orders/held, answered only when /orders/release is called: a service at capacity. */
    private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int port = FreePorts.next();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    JsonObject echo = new JsonObject()
                            .put("method", req.method().name())
                            .put("path", req.path())
                            .put("query", req.query())
                            .put("authorization", req.getHeader("Authorization"))
                            .put("forwardedFor", req.getHeader("X-Forwarded-For"))
                            .put("body", body.toString());
                    if (req.path().equals("/orders/stream")) {
                        stream(req);
                        return;
                    }
                    if (req.path().equals("/orders/held")) {
                        held.add(req);
                        return;
                    }
                    var resp = req.response().putHeader("Content-Type", "application/json");
                    if (req.path().equals("/orders/held-count")) {
                        resp.end(new JsonObject().put("held", held.size()).encode());
                        return;
                    }
                    if (req.path().equals("/orders/release")) {
                        int released = 0;
                        for (HttpServerRequest waiting; (waiting = held.poll()) != null; released++) {
                            waiting.response().end("{\"held\":true}");
                        }
                        resp.end(new JsonObject().put("released", released).encode());
                        return;
                    }
                    if (req.path().equals("/orders/streams-closed")) {
                        resp.end(new JsonObject()
                                .put("closed", streamsClosed.get())
                                .encode());
                        return;
                    }
                    if (req.path().equals("/q/openapi")) {
                        // A service's own document: one public path of order-service, one management path.
                        resp.end("""
                        {"openapi":"3.1.0","paths":{"/orders":{"get":{"summary":"orders"}},"/q/health":{"get":{}}},
                         "components":{"schemas":{"OrderView":{"type":"object"}}}}""");
                        return;
                    }
                    if (req.method().name().equals("POST")) {
                        // Like Quarkus REST: an absolute URL on the service's own host and port.
                        resp.setStatusCode(201).putHeader("Location", "http://" + req.authority() + req.path() + "/42");
                    }
                    resp.end(echo.encode());
                }));
        try {
            server.listen(port, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + port;
        return Map.of(
                "flopx.gateway.catalog-url",
                base,
                "flopx.gateway.order-url",
                base,
                "flopx.gateway.matching-url",
                "http://127.0.0.1:" + FreePorts.next(),
                "flopx.gateway.settlement-url",
                "http://127.0.0.1:" + FreePorts.next());
    }

    /**
     * An event stream that never ends by itself: one event now, then one every 200 ms, numbered; the
     * connection's close is counted.
     */
    private void stream(HttpServerRequest req) {
        if ("refuse".equals(req.query())) {
            req.response()
                    .setStatusCode(422)
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"status\":422,\"errors\":[{\"field\":\"trades\"}]}");
            return;
        }
        var resp = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
        AtomicInteger n = new AtomicInteger();
        resp.write("data: {\"n\":" + n.incrementAndGet() + "}\n\n");
        long timer = vertx.setPeriodic(200, t -> resp.write("data: {\"n\":" + n.incrementAndGet() + "}\n\n"));
        resp.closeHandler(closed -> {
            vertx.cancelTimer(timer);
            streamsClosed.incrementAndGet();
        });
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
