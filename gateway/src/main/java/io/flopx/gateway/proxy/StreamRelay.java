package io.flopx.gateway.proxy;

import io.flopx.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Relays an event stream (a GET asking for {@code text/event-stream}, or of a path ending in {@code /stream}) from a service as it comes, instead of
 * waiting for a whole body as other calls do: each event reaches the caller when the service sends it, with
 * back-pressure both ways. Streams have their own connections (a watcher never takes one that placements
 * need), are capped at {@code flopx.gateway.max-streams}, and end when the caller leaves (the service's
 * connection is closed with it) or when the service goes quiet for {@code stream-idle-timeout}. No retry and
 * no circuit breaker: a stream that breaks is reopened by its client, as Server-Sent Events clients do.
 */
@ApplicationScoped
public class StreamRelay {

    static final String EVENT_STREAM = "text/event-stream";
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "X-Request-Id");

    private final HttpClient client;
    private final GatewayConfig config;
    private final AtomicInteger open = new AtomicInteger();

    public StreamRelay(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.upstreamTimeout().toMillis(), 2000))
                .setKeepAlive(false)
                .setMaxPoolSize(config.maxStreams()));
    }

    /**
     * Whether the caller asks for an event stream (only GETs can): it accepts {@code text/event-stream}, or the
     * path is a stream's ({@code /stream} at the end), which a client that sends no Accept header still gets.
     */
    static boolean wanted(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return request.method() == HttpMethod.GET
                && (accept != null && accept.contains(EVENT_STREAM)
                        || request.path().endsWith("/stream"));
    }

    /**
     * Opens the stream at the service and relays it; {@code unavailable} answers the caller when the service
     * cannot be reached or too many streams are open (nothing has been written to the caller then).
     */
    void relay(RoutingContext ctx, RequestOptions options, Consumer<Throwable> unavailable) {
        if (open.incrementAndGet() > config.maxStreams()) {
            open.decrementAndGet();
            unavailable.accept(new TooManyStreams(config.maxStreams()));
            return;
        }
        ctx.addEndHandler(ended -> open.decrementAndGet());
        options.setTimeout(RequestOptions.DEFAULT_TIMEOUT)
                .setIdleTimeout(config.streamIdleTimeout().toMillis());
        client.request(options).onFailure(unavailable::accept).onSuccess(request -> {
            // The caller left: the service's side of the stream goes with it.
            ctx.response().closeHandler(closed -> request.reset());
            request.send().onFailure(unavailable::accept).onSuccess(response -> pipe(ctx, response));
        });
    }

    private static void pipe(RoutingContext ctx, HttpClientResponse response) {
        var out = ctx.response().setStatusCode(response.statusCode());
        for (String name : RESPONSE_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                out.putHeader(name, value);
            }
        }
        if (response.statusCode() != 200) {
            // A refusal (problem+json) is a plain body: relayed whole, with its length.
            response.body().onSuccess(out::end).onFailure(failed -> out.reset());
            return;
        }
        // Nothing between here and the caller should hold events back.
        out.setChunked(true).putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        response.pipeTo(out);
    }

    /** More streams than {@code flopx.gateway.max-streams} asked for at once. */
    static final class TooManyStreams extends RuntimeException {
        TooManyStreams(int max) {
            super("the gateway relays at most " + max + " event streams at once");
        }
    }
}
