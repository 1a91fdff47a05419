package io.flopx.catalog;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Search latency over 10,000 active offerings, measured end to end over HTTP (token check, query, JSON)
 * and printed as percentiles per query shape. Not part of the normal build; run it with
 * {@code ./mvnw -pl catalog-service verify -Pbenchmark}. It prints figures and asserts nothing about time.
 */
@QuarkusTest
@Tag("benchmark")
class SearchLatencyBenchmark extends CatalogTestBase {

    static final int OFFERINGS = 10_000;
    static final int SITES = 80;
    static final int WARMUP = 300;
    static final int MEASURED = 2_000;
    static final String[] MODELS = {
        "H100-SXM5-80GB",
        "H200-SXM-141GB",
        "H20-96GB",
        "A100-SXM4-80GB",
        "A800-SXM4-80GB",
        "L40S-48GB",
        "MI300X-192GB",
        "ASCEND-910B",
        "MLU370-X8",
        "GAUDI3-128GB"
    };
    static final String[] HUBS = {
        "jing-jin-ji",
        "yangtze-delta",
        "greater-bay",
        "chengdu-chongqing",
        "inner-mongolia",
        "guizhou",
        "gansu",
        "ningxia"
    };
    static final String[] INTERCONNECTS = {"INFINIBAND", "ROCE", "ETHERNET"};

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void searchLatencyOver10000Offerings() throws Exception {
        seed(new Random(42));
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("hub + model, by price", "hub=ningxia&model=H100-SXM5-80GB&sort=price");
        shapes.put(
                "FP16 effective price, PUE and rating",
                "precision=FP16&sort=effectivePrice&maxPue=1.3&minGreenRating=4A");
        shapes.put(
                "FP8 >= 20000 TFLOPS, <= 2000/PFLOP-h",
                "precision=FP8&minTflops=20000&maxPricePerPflopHour=2000&sort=tflops&order=desc");
        shapes.put(
                "vendor + interconnect + window, page 3",
                "vendor=NVIDIA&interconnect=INFINIBAND&from=" + FROM + "&until=" + FROM.plus(24, ChronoUnit.HOURS)
                        + "&page=3&size=50");
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.of(DemoUser.CAROL);
        System.out.printf(
                "%nSearch latency over %,d active offerings (%d sites, HTTP on loopback, one client)%n",
                OFFERINGS, SITES);
        System.out.printf("%-42s %8s %8s %8s %8s %8s%n", "query", "p50 ms", "p90 ms", "p99 ms", "max ms", "hits");
        for (var shape : shapes.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/offerings/search?" + shape.getValue()))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            String body = "";
            for (int i = 0; i < WARMUP; i++) {
                body = send(http, request);
            }
            Histogram h = new Histogram(60_000_000_000L, 3);
            for (int i = 0; i < MEASURED; i++) {
                long t0 = System.nanoTime();
                send(http, request);
                h.recordValue(System.nanoTime() - t0);
            }
            String total = body.replaceAll(".*\"total\":(\\d+).*", "$1");
            System.out.printf(
                    "%-42s %8.2f %8.2f %8.2f %8.2f %8s%n",
                    shape.getKey(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getMaxValue()),
                    total);
        }
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private void seed(Random random) throws Exception {
        Instant now = Instant.now();
        List<UUID> sites = new ArrayList<>();
        List<String> siteHubs = new ArrayList<>();
        try (Connection c = db()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    insert into site (id, tenant, name, hub_id, pue_milli, green_rating, backbone_connected, interconnect, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < SITES; i++) {
                    UUID id = UUID.randomUUID();
                    String hub = HUBS[i % HUBS.length];
                    s.setObject(1, id);
                    s.setString(2, "bench-provider-" + (i % 20));
                    s.setString(3, "bench-site-" + i + "-" + id);
                    s.setString(4, hub);
                    s.setInt(5, 1080 + random.nextInt(600));
                    s.setInt(6, 1 + random.nextInt(5));
                    s.setBoolean(7, random.nextBoolean());
                    s.setString(8, INTERCONNECTS[random.nextInt(INTERCONNECTS.length)]);
                    s.setTimestamp(9, Timestamp.from(now));
                    s.addBatch();
                    sites.add(id);
                    siteHubs.add(hub);
                }
                s.executeBatch();
            }
            try (PreparedStatement o = c.prepareStatement("""
                    insert into offering (id, tenant, model_id, hub_id, site_id, devices, available_from, available_until,
                        price_per_device_hour, currency, status, created_at, updated_at, min_lease_hours, version)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', 'ACTIVE', ?, ?, 1, 0)""")) {
                for (int i = 0; i < OFFERINGS; i++) {
                    int site = random.nextInt(SITES);
                    Instant from = FROM.plus(random.nextInt(72), ChronoUnit.HOURS);
                    o.setObject(1, UUID.randomUUID());
                    o.setString(2, "bench-provider-" + (site % 20));
                    o.setString(3, MODELS[random.nextInt(MODELS.length)]);
                    o.setString(4, siteHubs.get(site));
                    o.setObject(5, sites.get(site));
                    o.setInt(6, 1 + random.nextInt(64));
                    o.setTimestamp(7, Timestamp.from(from));
                    o.setTimestamp(8, Timestamp.from(from.plus(24 + random.nextInt(200), ChronoUnit.HOURS)));
                    o.setLong(9, 300 + random.nextInt(3000));
                    o.setTimestamp(10, Timestamp.from(now));
                    o.setTimestamp(11, Timestamp.from(now));
                    o.addBatch();
                    if (i % 1000 == 999) {
                        o.executeBatch();
                    }
                }
                o.executeBatch();
            }
            c.commit();
            try (var s = c.createStatement()) {
                s.execute("analyze");
            }
        }
    }
}
