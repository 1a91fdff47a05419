package io.flopx.gateway.dashboard;

import io.flopx.gateway.proxy.RouteTable;
import io.flopx.gateway.proxy.Upstream;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each service's readiness and its Kafka consumers' lag, for the operators' dashboard (the market comes from
 * matching-service's feed). Probed every two seconds, off the request path, but only while a dashboard is
 * open (and at once when the first one opens): nobody reads these figures otherwise, and each probe costs
 * every service a readiness check and a metrics scrape. The lag is what the consumers themselves report
 * (Micrometer's Kafka binder, the figures Prometheus scrapes), so it needs no Kafka client here; a service
 * that is down reports none (its health says so).
 */
@ApplicationScoped
public class OpsProbe {

    private final RouteTable routes;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile Map<String, String> health = Map.of();
    private volatile List<Map<String, Object>> lag = List.of();
    private final AtomicInteger watchers = new AtomicInteger();

    public OpsProbe(RouteTable routes) {
        this.routes = routes;
    }

    public Map<String, String> health() {
        return health;
    }

    public List<Map<String, Object>> lag() {
        return lag;
    }

    /** A dashboard opened its feed: probe from now on, the first time at once. */
    public void watched() {
        if (watchers.getAndIncrement() == 0) {
            Infrastructure.getDefaultWorkerPool().execute(this::probe);
        }
    }

    /** A dashboard closed its feed. */
    public void unwatched() {
        watchers.decrementAndGet();
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeWhileWatched() {
        if (watchers.get() > 0) {
            probe();
        }
    }

    synchronized void probe() {
        Map<String, String> up = new TreeMap<>();
        List<Map<String, Object>> lags = new ArrayList<>();
        up.put("gateway", "UP");
        for (Upstream u : routes.upstreams()) {
            boolean ready = ready(u.baseUrl());
            up.put(u.name(), ready ? "UP" : "DOWN");
            if (ready) {
                lags.addAll(ConsumerLagMetrics.parse(u.name(), metrics(u.baseUrl())));
            }
        }
        health = up;
        lag = lags;
    }

    private String metrics(String baseUrl) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private boolean ready(String baseUrl) {
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
