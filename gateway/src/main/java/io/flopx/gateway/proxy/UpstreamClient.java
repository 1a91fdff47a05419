package io.flopx.gateway.proxy;

import io.flopx.gateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.net.ConnectException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the services. Each service has its own guard (SmallRye Fault Tolerance): a circuit breaker that,
 * after enough failed calls (refused, reset, timed out), answers at once for a while instead of letting
 * callers wait; and retries, but only where a retry cannot do something twice: a connection that was
 * refused never carried the request, and an idempotent request (GET, HEAD, PUT, DELETE, or any request
 * with an Idempotency-Key) may be sent again after a broken connection. Timeouts are never retried. A
 * service at capacity (every connection to it busy and {@code max-queued} calls already waiting) is not
 * called: the caller gets a 503 at once, and that is not a failure of the service (its circuit stays closed).
 */
@ApplicationScoped
public class UpstreamClient {

    /** The request certainly did not reach the service, or it is idempotent: sending it again is safe. */
    static final class SafeToRetry extends RuntimeException {
        SafeToRetry(Throwable cause) {
            super(cause);
        }
    }

    /** The request may have reached the service and is not idempotent: it is not sent again. */
    static final class NotRetried extends RuntimeException {
        NotRetried(Throwable cause) {
            super(cause);
        }
    }

    /** Every connection to the service is busy and enough calls wait for one: this one was not sent. */
    static final class AtCapacity extends RuntimeException {
        AtCapacity(Throwable cause) {
            super(cause);
        }
    }

    private static final TypeLiteral<Uni<UpstreamResponse>> RESPONSE = new TypeLiteral<>() {};

    private final HttpClient client;
    private final GatewayConfig config;
    private final Map<String, TypedGuard<Uni<UpstreamResponse>>> guards = new ConcurrentHashMap<>();

    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout(
                                (int) Math.min(config.upstreamTimeout().toMillis(), 2000))
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()).setMaxWaitQueueSize(config.maxQueued()));
    }

    /** Sends the request (with {@code body} unless null) through the service's guard. */
    public Uni<UpstreamResponse> send(Upstream upstream, RequestOptions options, Buffer body, boolean idempotent) {
        return guardOf(upstream)
                .get(() -> Uni.createFrom()
                        .completionStage(() -> client.request(options)
                                .compose(req -> body == null ? req.send() : req.send(body))
                                .compose(resp -> resp.body()
                                        .map(b -> new UpstreamResponse(resp.statusCode(), resp.headers(), b)))
                                .toCompletionStage())
                        .onFailure()
                        .transform(e -> classify(e, idempotent)));
    }

    private static RuntimeException classify(Throwable e, boolean idempotent) {
        if (e instanceof ConnectionPoolTooBusyException) {
            return new AtCapacity(e);
        }
        boolean refused = e instanceof ConnectException || e.getCause() instanceof ConnectException;
        boolean brokenConnection = e instanceof IOException && !isTimeout(e);
        return refused || idempotent && brokenConnection ? new SafeToRetry(e) : new NotRetried(e);
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t.getMessage() != null && t.getMessage().toLowerCase().contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private TypedGuard<Uni<UpstreamResponse>> guardOf(Upstream upstream) {
        return guards.computeIfAbsent(
                upstream.name(),
                name -> TypedGuard.create(RESPONSE)
                        .withDescription("calls to " + name)
                        .withRetry()
                        .maxRetries(2)
                        .delay(50, ChronoUnit.MILLIS)
                        .jitter(25, ChronoUnit.MILLIS)
                        .retryOn(SafeToRetry.class)
                        .done()
                        .withCircuitBreaker()
                        .requestVolumeThreshold(config.circuitVolume())
                        .failureRatio(config.circuitFailureRatio())
                        .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(1)
                        // Shedding what the service cannot take now is not the service failing.
                        .skipOn(AtCapacity.class)
                        .done()
                        .build());
    }
}
