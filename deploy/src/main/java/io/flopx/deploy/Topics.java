package io.flopx.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics FlopX uses, created up front with their partition counts: eight partitions, as many as
 * national hubs, so the matchers' command log (keyed by hub) can spread the hub markets over up to eight
 * matcher instances. Partition counts are never raised later: that would move hubs between partitions
 * and split a market's log.
 */
final class Topics {

    static final int PARTITIONS = 8;
    static final List<String> NAMES = List.of("offering-events", "order-events", "market-events", "market-commands",
            "market-data");
    /** offering-events and market-data hold the latest state per key: compaction keeps exactly that. */
    static final Map<String, Map<String, String>> CONFIGS = Map.of(
            "offering-events", Map.of("cleanup.policy", "compact"),
            "market-data", Map.of("cleanup.policy", "compact"));

    private Topics() {
    }

    static void ensure(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = NAMES.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, PARTITIONS, (short) 1)
                            .configs(CONFIGS.getOrDefault(n, Map.of())))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics on " + bootstrap, e);
        }
    }
}
