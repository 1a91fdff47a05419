package io.flopx.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.Contracts;
import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What order-service's pre-trade risk reads: every change of a tenant's funding (a top-up, a credit limit) is
 * on {@code funding-events} once committed, keyed by tenant and currency, with a version that orders them.
 */
@QuarkusTest
class FundingEventsTest extends SettlementTestBase {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void topUpsAndCreditLimitsArePublishedWithGrowingVersions() throws Exception {
        String tenant = AccountApiTest.freshTenant();
        AccountApiTest.topUp(tenant, "f1", Map.of("currency", "CNY", "amount", 10_000))
                .then()
                .statusCode(201);
        as(DemoUser.OLIVIA)
                .body(Map.of("currency", "CNY", "creditLimit", 2_500))
                .put("/accounts/" + tenant + "/credit-limit")
                .then()
                .statusCode(200);
        // A replayed top-up changes nothing, so it publishes nothing.
        AccountApiTest.topUp(tenant, "f1", Map.of("currency", "CNY", "amount", 10_000))
                .then()
                .statusCode(200);
        AccountApiTest.topUp(tenant, "f2", Map.of("currency", "CNY", "amount", 5_000))
                .then()
                .statusCode(201);

        List<JsonNode> events = fundingOf(tenant, 3);
        // Exactly the fields order-service reads (the contract fixture), no more, no fewer.
        assertEquals(
                Contracts.fieldNames(json, Contracts.fixture(Contracts.FUNDING_CHANGED)),
                Contracts.fieldNames(json, events.get(0).toString()));
        assertEquals(List.of(10_000L, 10_000L, 15_000L), field(events, "paidIn"));
        assertEquals(List.of(0L, 2_500L, 2_500L), field(events, "creditLimit"));
        List<Long> versions = field(events, "version");
        assertTrue(versions.get(0) < versions.get(1) && versions.get(1) < versions.get(2), versions.toString());
        // Three rows for three changes (the replay wrote none), each marked published once Kafka acknowledged it.
        String mine = "from outbox where record_key = '" + tenant + "|CNY'";
        assertEquals(3, count("select count(*) " + mine));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) " + mine + " and published_at is null") == 0);
    }

    /** Concurrent top-ups: a higher version never carries a smaller total (each change sees the last one). */
    @Test
    void concurrentTopUpsPublishTotalsInVersionOrder() throws Exception {
        String tenant = AccountApiTest.freshTenant();
        int n = 8;
        atOnce(
                n,
                i -> () -> AccountApiTest.topUp(tenant, "c" + i, Map.of("currency", "CNY", "amount", 1_000 + i))
                        .statusCode());
        List<JsonNode> events = new ArrayList<>(fundingOf(tenant, n));
        events.sort(Comparator.comparingLong(e -> e.get("version").asLong()));
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += 1_000 + i;
        }
        List<Long> paidIn = field(events, "paidIn");
        for (int i = 1; i < n; i++) {
            assertTrue(paidIn.get(i) > paidIn.get(i - 1), "versions and totals disagree: " + events);
        }
        assertEquals(total, paidIn.get(n - 1));
    }

    private List<JsonNode> fundingOf(String tenant, int expected) {
        String key = tenant + "|CNY";
        List<JsonNode> mine = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            mine.clear();
            for (ConsumerRecord<String, String> r : kafka.consumeStrings()
                    .fromTopics("funding-events", Duration.ofSeconds(2))
                    .awaitCompletion()
                    .getRecords()) {
                if (key.equals(r.key())) {
                    JsonNode event = json.readTree(r.value());
                    assertEquals(tenant, event.get("tenant").asText());
                    assertEquals("CNY", event.get("currency").asText());
                    mine.add(event);
                }
            }
            return mine.size() >= expected;
        });
        assertEquals(expected, mine.size(), mine.toString());
        return mine;
    }

    private static List<Long> field(List<JsonNode> events, String name) {
        return events.stream().map(e -> e.get(name).asLong()).toList();
    }
}
