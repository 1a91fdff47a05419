package io.flopx.localstack;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The topics FlopX uses, created up front with their partition counts: eight partitions, as many as
 * national hubs, so the matchers' command log (keyed by hub) can spread the hub markets over up to eight
 * matcher instances. Partition counts are never raised later: that would move hubs between partitions
 * and split a market's log.
 *
 * <p>This is the one definition: the local stack creates exactly these; Compose's kafka-init script and the
 * Kubernetes KafkaTopics must list exactly the same names and configurations (ComposeValidationTest and
 * ManifestValidationTest fail when they differ).
 */
public final class Topics {

    public static final int PARTITIONS = 8;
    public static final List<String> NAMES = List.of(
            "offering-events",
            "order-events",
            "market-events",
            "market-commands",
            "market-data",
            "market-snapshots",
            "lease-events",
            "market-events-dlq-catalog",
            "market-events-dlq-orders",
            "lease-events-dlq-orders",
            "market-events-dlq-settlement",
            "lease-events-dlq-settlement",
            "funding-events",
            "voucher-draws",
            "voucher-draws-dlq-settlement",
            "offering-events-dlq-settlement",
            "delivery-events",
            "delivery-events-dlq-catalog");
    private static final String WEEK = "604800000";
    /**
     * offering-events, funding-events and market-data hold the latest state per key: compaction keeps exactly that. So does
     * market-snapshots, the matchers' snapshots of their markets (one key per command partition, up to 32 MiB
     * each, a new segment every hour so compaction can drop the older ones). The matchers' command log is
     * needed only after the newest snapshot (taken every 5 minutes): it is kept for a week, as events are.
     */
    public static final Map<String, Map<String, String>> CONFIGS = Map.ofEntries(
            Map.entry("offering-events", Map.of("cleanup.policy", "compact")),
            Map.entry("funding-events", Map.of("cleanup.policy", "compact")),
            Map.entry("market-data", Map.of("cleanup.policy", "compact")),
            Map.entry(
                    "market-snapshots",
                    Map.of("cleanup.policy", "compact", "max.message.bytes", "33554432", "segment.ms", "3600000")),
            Map.entry("market-commands", Map.of("retention.ms", WEEK)),
            Map.entry("order-events", Map.of("retention.ms", WEEK)),
            Map.entry("market-events", Map.of("retention.ms", WEEK)),
            Map.entry("lease-events", Map.of("retention.ms", WEEK)),
            Map.entry("market-events-dlq-catalog", Map.of("retention.ms", WEEK)),
            Map.entry("market-events-dlq-orders", Map.of("retention.ms", WEEK)),
            Map.entry("lease-events-dlq-orders", Map.of("retention.ms", WEEK)),
            Map.entry("market-events-dlq-settlement", Map.of("retention.ms", WEEK)),
            Map.entry("lease-events-dlq-settlement", Map.of("retention.ms", WEEK)),
            Map.entry("voucher-draws", Map.of("retention.ms", WEEK)),
            Map.entry("voucher-draws-dlq-settlement", Map.of("retention.ms", WEEK)),
            Map.entry("offering-events-dlq-settlement", Map.of("retention.ms", WEEK)),
            Map.entry("delivery-events", Map.of("retention.ms", WEEK)),
            Map.entry("delivery-events-dlq-catalog", Map.of("retention.ms", WEEK)));

    private Topics() {}

    static void ensure(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = NAMES.stream()
                    .filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, PARTITIONS, (short) 1).configs(CONFIGS.getOrDefault(n, Map.of())))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            // Topics made by an older version keep their data but take today's configuration.
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            CONFIGS.forEach((topic, configs) -> {
                if (existing.contains(topic)) {
                    changes.put(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            configs.entrySet().stream()
                                    .map(c -> new AlterConfigOp(
                                            new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                                    .toList());
                }
            });
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics on " + bootstrap, e);
        }
    }
}
