package io.flopx.matching.ops;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The lag of every consumer group of the exchange per topic and partition (committed offset against the
 * end of the log, from Kafka's admin API), for the operators' dashboard: measured only while a dashboard
 * is open (each probe costs Kafka a dozen admin requests), at most every two seconds.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final String bootstrap;
    private Admin admin;
    static final Duration EVERY = Duration.ofSeconds(2);

    private volatile List<Map<String, Object>> lag = List.of();
    private volatile long lastProbeAt;
    private final AtomicBoolean probing = new AtomicBoolean();

    public ConsumerLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** As of the last probe. */
    public List<Map<String, Object>> lag() {
        return lag;
    }

    /**
     * Measures again, on a worker thread, unless a measurement is under way or younger than {@link #EVERY}:
     * however many dashboards ask, Kafka gets one probe every two seconds.
     */
    void refresh() {
        long now = System.currentTimeMillis();
        if (now - lastProbeAt >= EVERY.toMillis() && probing.compareAndSet(false, true)) {
            lastProbeAt = now;
            Infrastructure.getDefaultWorkerPool().execute(this::probe);
        }
    }

    /** Keeps the last figures if Kafka does not answer. Blocks (admin calls): runs on a worker thread. */
    private void probe() {
        try {
            lag = measure();
        } catch (Exception e) {
            LOG.debugf("consumer lag unavailable: %s", e.toString());
        } finally {
            probing.set(false);
        }
    }

    /** Lag per group, topic and partition, for the exchange's own groups (not the instances' private views). */
    private synchronized List<Map<String, Object>> measure() throws Exception {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    "1500",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    "1500"));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(2, TimeUnit.SECONDS)) {
            String id = group.groupId();
            if (id.startsWith("matching-view")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata()
                    .get(2, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
            committed.forEach((tp, offset) -> {
                if (offset != null && ends.containsKey(tp)) {
                    rows.add(Map.of(
                            "group",
                            id,
                            "topic",
                            tp.topic(),
                            "partition",
                            tp.partition(),
                            "lag",
                            Math.max(0, ends.get(tp).offset() - offset.offset())));
                }
            });
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("group"))
                .thenComparing(r -> (String) r.get("topic"))
                .thenComparing(r -> (Integer) r.get("partition")));
        return rows;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
