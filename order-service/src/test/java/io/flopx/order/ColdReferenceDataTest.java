package io.flopx.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.flopx.order.client.ReferenceData;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Bursts of placements while the reference data is cold and the catalog slow: every placement first asks
 * the catalog, and the answers come back while other placements' transactions are open. The load harness
 * saw this on a cold stack: order events in the outbox for orders that were never stored. Each placement's
 * transaction must be its own: orders and their events, one for one.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(SlowCatalogStubResource.class)
class ColdReferenceDataTest {

    @TestHTTPResource("/orders")
    URI orders;

    @Inject
    ReferenceData reference;

    @Inject
    @CacheName("reference-data")
    Cache cache;

    @SlowCatalogStubResource.Stub
    WireMockServer catalog;

    @Test
    void placementsDuringAColdCatalogAnswerAreEachStoredWithTheirEvent() throws Exception {
        String body = new ObjectMapper().writeValueAsString(OrderApiTest.devicesOrder(1));
        String token = TestTokens.of(DemoUser.CAROL);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int accepted = 0;
        long before = count("select count(*) from compute_order"); // the module's other tests share the database
        for (int burst = 0; burst < 8; burst++) {
            reference.forget();
            List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(http.sendAsync(
                        HttpRequest.newBuilder(orders)
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (CompletableFuture<HttpResponse<Void>> call : calls) {
                accepted += call.join().statusCode() == 201 ? 1 : 0;
            }
        }
        long orphanEvents = count("""
                select count(*) from outbox o where o.payload like '%ORDER_PLACED%'
                and not exists (select 1 from compute_order c where c.id::text = o.record_key)""");
        long ordersWithoutEvent = count("""
                select count(*) from compute_order c where not exists
                (select 1 from outbox o where o.record_key = c.id::text and o.payload like '%ORDER_PLACED%')""");
        long stored = count("select count(*) from compute_order") - before;
        System.out.printf(
                "cold reference data: %d placements accepted, %d orders stored, %d orphan events, %d orders without event%n",
                accepted, stored, orphanEvents, ordersWithoutEvent);
        assertEquals(0, orphanEvents, "order events for orders that were never stored");
        assertEquals(0, ordersWithoutEvent, "orders stored without their event");
        assertEquals(accepted, stored, "every accepted placement is stored, and nothing else");
    }

    /**
     * The catalog away once the cache has expired: placements go on against the last copy read (a 503
     * would refuse every order for what is only a lookup of models and hubs); with no copy at all, 503.
     */
    @Test
    void withTheCatalogAwayTheLastCopyReadServesAndWithoutOneTheAnswerIs503() throws Exception {
        String body = new ObjectMapper().writeValueAsString(OrderApiTest.devicesOrder(1));
        String token = TestTokens.of(DemoUser.CAROL);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest place = HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        reference.forget();
        assertEquals(
                201, http.send(place, HttpResponse.BodyHandlers.discarding()).statusCode());
        StubMapping away = catalog.stubFor(
                get(urlEqualTo("/models")).atPriority(1).willReturn(aResponse().withStatus(500)));
        try {
            cache.invalidateAll().await().indefinitely(); // the minute has passed
            assertEquals(
                    201,
                    http.send(place, HttpResponse.BodyHandlers.discarding()).statusCode(),
                    "the last copy read should have served");
            reference.forget(); // no copy at all
            assertEquals(
                    503,
                    http.send(place, HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
            catalog.removeStub(away);
            reference.forget();
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = OrderDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
