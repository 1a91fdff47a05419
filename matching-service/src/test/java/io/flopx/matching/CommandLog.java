package io.flopx.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The running matcher's command log and live state, as the replay and snapshot tests look at them. */
final class CommandLog {

    private CommandLog() {}

    static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The end of every partition of the command log. */
    static Map<TopicPartition, Long> endOffsets(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("market-commands").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The live state hash once it stops changing (other tests write to the same log). */
    static String steadyLiveHash() {
        return await().pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .until(CommandLog::liveHash, hash -> hash.equals(liveHashAfter(Duration.ofSeconds(1))));
    }

    static String liveHash() {
        return given().auth()
                .oauth2(TestTokens.of(DemoUser.OLIVIA))
                .get("/market/state-hash")
                .then()
                .statusCode(200)
                .extract()
                .path("stateHash");
    }

    private static String liveHashAfter(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return liveHash();
    }
}
