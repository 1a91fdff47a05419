package io.flopx.gateway.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flopx.gateway.proxy.RouteTable;
import io.flopx.gateway.proxy.Upstream;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What operators watch besides the market: the lag of every consumer group of the exchange per topic and
 * partition (committed offset against the end of the log, from Kafka's admin API), each service's
 * readiness, and the rate of events the dashboard takes in. Probed every two seconds, off the request path,
 * but only while a dashboard is open (and at once when the first one opens): nobody reads these figures
 * otherwise, and each probe costs every service a readiness check and Kafka a dozen admin requests.
 */
@ApplicationScoped
public class OpsProbe {

    private static final Logger LOG = Logger.getLogger(OpsProbe.class);

    private final RouteTable routes;
    private final MarketFeed feed;
    private final String bootstrap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Admin admin;
    private volatile List<Map<String, Object>> lag = List.of();
    private volatile Map<String, String> health = Map.of();
    private volatile long eventsPerSecond;
    private long lastEvents;
    private long lastAt = System.nanoTime();
    private final AtomicInteger watchers = new AtomicInteger();

    public OpsProbe(RouteTable routes, MarketFeed feed, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.routes = routes;
        this.feed = feed;
        this.bootstrap = bootstrap;
    }

    public List<Map<String, Object>> lag() {
        return lag;
    }

    public Map<String, String> health() {
        return health;
    }

    public long eventsPerSecond() {
        return eventsPerSecond;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureRate() {
        long now = System.nanoTime();
        long events = feed.eventsIn();
        eventsPerSecond = Math.round((events - lastEvents) * 1e9 / Math.max(1, now - lastAt));
        lastEvents = events;
        lastAt = now;
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
        up.put("gateway", "UP");
        for (Upstream u : routes.upstreams()) {
            up.put(u.name(), ready(u.baseUrl()) ? "UP" : "DOWN");
        }
        health = up;
        try {
            lag = consumerLag();
        } catch (Exception e) {
            LOG.debugf("consumer lag unavailable: %s", e.toString());
        }
    }

    private boolean ready(String baseUrl) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Lag per group, topic and partition, for the exchange's own groups (not the dashboards' private ones). */
    private List<Map<String, Object>> consumerLag() throws Exception {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1500"));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(2, TimeUnit.SECONDS)) {
            String id = group.groupId();
            if (id.startsWith("gateway-dashboard") || id.startsWith("matching-view")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
            committed.forEach((tp, offset) -> {
                if (offset != null && ends.containsKey(tp)) {
                    rows.add(Map.of("group", id, "topic", tp.topic(), "partition", tp.partition(),
                            "lag", Math.max(0, ends.get(tp).offset() - offset.offset())));
                }
            });
        }
        rows.sort((a, b) -> (a.get("group") + "/" + a.get("topic") + "/" + String.format("%04d", (Integer) a.get("partition")))
                .compareTo(b.get("group") + "/" + b.get("topic") + "/" + String.format("%04d", (Integer) b.get("partition"))));
        return rows;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
