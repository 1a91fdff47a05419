package io.flopx.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A caller that gives up mid-placement (a client timeout, the gateway's 5 s upstream timeout under load)
 * closes the connection while order-service is still writing the order. Found by the load harness: the
 * order's event could then be committed to the outbox without the order (the matcher filled an order
 * order-service had never stored). Whatever the caller does, a placement is all or nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(CatalogStubResource.class)
class AbandonedPlacementTest {

    @TestHTTPResource("/orders")
    URI orders;

    private HttpRequest request(String body, String token, Duration timeout) {
        return HttpRequest.newBuilder(orders)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * The harness's case, made certain: the outbox is locked (as a slow database would be), so every placement
     * stops after writing its order and before its event, and each caller gives up while it waits; then the
     * lock is released and the placements go on without anyone listening.
     */
    @Test
    void aPlacementAbandonedWhileItsTransactionWaitsIsStoredWholeOrNotAtAll() throws Exception {
        String body = new ObjectMapper().writeValueAsString(OrderApiTest.devicesOrder(3));
        String token = TestTokens.of(DemoUser.DAVE);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http.send(request(body, token, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.discarding());
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table outbox in exclusive mode");
            }
            // More placements than the pool has connections: some wait for one when their caller gives up.
            for (int i = 0; i < 60; i++) {
                calls.add(http.sendAsync(
                        request(body, token, Duration.ofMillis(500)), HttpResponse.BodyHandlers.discarding()));
            }
            calls.forEach(c -> c.handle((r, e) -> null).join());
            Thread.sleep(500);
            lock.commit();
        }
        Thread.sleep(3000);
        assertEquals(0, orphans(), "events in the outbox for orders that were never stored");
        assertEquals(0, orphanOrders(), "orders stored without their event");
    }

    private static Connection connect() throws Exception {
        return OrderDatabase.connect();
    }

    private static long orphans() throws Exception {
        return count("""
                select count(*) from outbox o where o.payload like '%ORDER_PLACED%'
                and not exists (select 1 from compute_order c where c.id::text = o.record_key)""");
    }

    private static long orphanOrders() throws Exception {
        return count("""
                select count(*) from compute_order c where not exists
                (select 1 from outbox o where o.record_key = c.id::text and o.payload like '%ORDER_PLACED%')""");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aPlacementTheCallerAbandonsIsStoredWholeOrNotAtAll() throws Exception {
        String body = new ObjectMapper().writeValueAsString(OrderApiTest.devicesOrder(2));
        String token = TestTokens.of(DemoUser.CAROL);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            // Warm: the timeouts below should cut into placements, not into a cold start.
            http.send(request(body, token, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.discarding());
        }
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int wave = 0; wave < 60; wave++) {
            List<CompletableFuture<HttpResponse<Void>>> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // Give up after 3 to 260 ms (spread evenly on a log scale): often while the order's transaction is
                // under way.
                batch.add(http.sendAsync(
                        request(body, token, Duration.ofMillis(2 + (long) Math.pow(2, random.nextDouble() * 8))),
                        HttpResponse.BodyHandlers.discarding()));
            }
            batch.forEach(c -> c.handle((r, e) -> null).join());
            calls.addAll(batch);
        }
        long abandoned =
                calls.stream().filter(c -> c.handle((r, e) -> e != null).join()).count();
        Thread.sleep(3000);
        try (Connection c = OrderDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select count(*), (select count(*) from compute_order) from outbox o where o.payload like '%ORDER_PLACED%'
                        and not exists (select 1 from compute_order c where c.id::text = o.record_key)""")) {
            rs.next();
            System.out.printf(
                    "abandoned placements: %d of %d calls gave up; %d orders stored; orphan events: %d%n",
                    abandoned, calls.size(), rs.getLong(2), rs.getLong(1));
            assertEquals(0, rs.getLong(1), "events in the outbox for orders that were never stored");
        }
    }
}
