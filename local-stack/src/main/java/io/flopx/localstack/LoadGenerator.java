package io.flopx.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a demo market alive through the public API: providers (alice, bob) list capacity in all eight
 * hubs and enterprises (carol, dave) order it, at a fixed rate, with the accelerator models of the
 * catalog and prices near a going rate per PFLOP-hour of FP16, so the dashboard shows a living market.
 * Prints its progress every five seconds and stops by itself after {@code --duration} or {@code --count}.
 *
 * <pre>local-stack/load-demo.sh [--rate 5] [--duration 120s] [--count N] [--gateway URL] [--realm URL] [--seed N]</pre>
 *
 * Each tenant may write 600 times a minute through the gateway (FLOPX_GATEWAY_WRITES_PER_MINUTE): with
 * four tenants that is about 40 writes a second.
 */
public final class LoadGenerator {

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
    /** The going rate the prices scatter around, in CNY per PFLOP-hour at FP16. */
    static final double GOING_RATE = 1500;

    public record Settings(String gateway, String realm, double rate, Duration duration, long count, long seed) {}

    /** What a run did: the counts the progress lines print. */
    public record Summary(long listings, long orders, long rejected, long limited, long failed, double seconds) {}

    private final Settings settings;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final AtomicLong listings = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String[]> sites = new ArrayList<>(); // {provider, siteId, hub}
    private final List<JsonNode> models = new ArrayList<>();
    private String[] tokens;
    private Instant tokensAt = Instant.EPOCH;

    public LoadGenerator(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.random = new Random(settings.seed());
    }

    public static void main(String[] args) throws Exception {
        String gateway = "http://localhost:8080";
        String realm = "http://localhost:8090/realms/flopx";
        double rate = 5;
        Duration duration = Duration.ofMinutes(2);
        long count = Long.MAX_VALUE;
        long seed = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--realm" -> realm = args[++i];
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--duration" -> duration = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
                case "--count" -> count = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]
                            + " (options: --rate N, --duration 120s, --count N, --gateway URL, --realm URL, --seed N)");
                    System.exit(2);
                }
            }
        }
        new LoadGenerator(new Settings(gateway, realm, rate, duration, count, seed), System.out).run();
    }

    public Summary run() throws Exception {
        // Orders must be funded: the demo buyers get a credit line no demo exhausts.
        BuyerCredit.grant(settings.gateway(), settings.realm(), List.of(DemoUser.CAROL, DemoUser.DAVE));
        refreshTokens();
        for (JsonNode m : get(tokens[2], "/api/models")) {
            if (m.path("fp16Gflops").asLong() > 0) {
                models.add(m);
            }
        }
        for (int i = 0; i < HUBS.length; i++) {
            int provider = i % 2;
            JsonNode site = post(tokens[provider], "/api/sites", """
                    {"name":"Demo DC %s","hub":"%s","pue":%.2f,"greenRating":"%dA","backboneConnected":true,
                     "interconnect":"%s"}""".formatted(
                            HUBS[i],
                            HUBS[i],
                            1.1 + random.nextDouble() * 0.3,
                            3 + random.nextInt(3),
                            random.nextBoolean() ? "INFINIBAND" : "ROCE"));
            if (site != null) {
                sites.add(
                        new String[] {String.valueOf(provider), site.path("id").asText(), HUBS[i]});
            }
        }
        if (sites.isEmpty() || models.isEmpty()) {
            throw new IllegalStateException("nothing to trade: " + models.size() + " FP16 models and " + sites.size()
                    + " sites could be read or created (see the answers above)");
        }
        out.printf(
                "load: %d models, %d sites; %.1f writes/s for %d s%s%n",
                models.size(),
                sites.size(),
                settings.rate(),
                settings.duration().toSeconds(),
                settings.count() == Long.MAX_VALUE ? "" : " or " + settings.count() + " writes, whichever comes first");
        long started = System.nanoTime();
        long next = started;
        long lastReport = started;
        long interval = (long) (1e9 / settings.rate());
        long done = 0;
        while (done < settings.count()
                && System.nanoTime() - started < settings.duration().toNanos()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            if (Duration.between(tokensAt, Instant.now()).toMinutes() >= 10) {
                refreshTokens();
            }
            // Two orders for every listing keep capacity flowing into trades rather than piling up.
            if (done % 3 == 0) {
                list();
            } else {
                order();
            }
            done++;
            if (System.nanoTime() - lastReport >= 5_000_000_000L) {
                lastReport = System.nanoTime();
                report(started);
            }
        }
        return report(started);
    }

    private void list() {
        String[] site = sites.get(random.nextInt(sites.size()));
        JsonNode model = models.get(random.nextInt(models.size()));
        double pflops = model.path("fp16Gflops").asLong() / 1e6;
        long price = Math.max(1, Math.round(pflops * GOING_RATE * (0.85 + random.nextDouble() * 0.3)));
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1 + random.nextInt(24), ChronoUnit.HOURS);
        JsonNode listed = post(tokens[Integer.parseInt(site[0])], "/api/offerings", """
                {"model":"%s","siteId":"%s","devices":%d,"availableFrom":"%s","availableUntil":"%s",
                 "pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                        model.path("id").asText(),
                        site[1],
                        8 * (1 + random.nextInt(8)),
                        from,
                        from.plus(48 + random.nextInt(120), ChronoUnit.HOURS),
                        price));
        if (listed != null) {
            listings.incrementAndGet();
        }
    }

    private void order() {
        JsonNode model = models.get(random.nextInt(models.size()));
        Instant earliest = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2 + random.nextInt(24), ChronoUnit.HOURS);
        String hubs = random.nextInt(3) == 0 ? "[]" : HubChoice.twoDifferent(random, HUBS);
        String body;
        if (random.nextInt(4) == 0) {
            // Throughput at FP16 from any mix of models, limit per PFLOP-hour.
            body = """
                    {"kind":"THROUGHPUT","tflops":%d,"precision":"FP16","durationHours":%d,"earliestStart":"%s",
                     "latestStart":"%s","limitPrice":%d,"currency":"CNY","hubs":%s,"fillPolicy":"PARTIAL"}""".formatted(
                            1000 * (1 + random.nextInt(8)),
                            1 + random.nextInt(12),
                            earliest,
                            earliest.plus(12, ChronoUnit.HOURS),
                            Math.round(GOING_RATE * (0.9 + random.nextDouble() * 0.4)),
                            hubs);
        } else {
            double pflops = model.path("fp16Gflops").asLong() / 1e6;
            body = """
                    {"kind":"DEVICES","models":["%s"],"devices":%d,"durationHours":%d,"earliestStart":"%s","latestStart":"%s",
                     "limitPrice":%d,"currency":"CNY","hubs":%s,"fillPolicy":"%s"}""".formatted(
                            model.path("id").asText(),
                            1 + random.nextInt(16),
                            1 + random.nextInt(24),
                            earliest,
                            earliest.plus(12, ChronoUnit.HOURS),
                            Math.max(1, Math.round(pflops * GOING_RATE * (0.9 + random.nextDouble() * 0.4))),
                            hubs,
                            random.nextBoolean() ? "PARTIAL" : "ALL_OR_NONE");
        }
        if (post(tokens[2 + random.nextInt(2)], "/api/orders", body) != null) {
            orders.incrementAndGet();
        }
    }

    private Summary report(long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        Summary s = new Summary(listings.get(), orders.get(), rejected.get(), limited.get(), failed.get(), seconds);
        out.printf(
                "load: %5.0f s  %,d listings  %,d orders  %.1f writes/s  (%d refused as invalid, %d rate-limited, %d failed)%n",
                seconds,
                s.listings(),
                s.orders(),
                (s.listings() + s.orders()) / Math.max(1e-9, seconds),
                s.rejected(),
                s.limited(),
                s.failed());
        return s;
    }

    private void refreshTokens() {
        tokens = new String[] {token(DemoUser.ALICE), token(DemoUser.BOB), token(DemoUser.CAROL), token(DemoUser.DAVE)};
        tokensAt = Instant.now();
    }

    private String token(DemoUser user) {
        return KeycloakTokens.password(settings.realm(), user.username(), DemoUser.DEMO_PASSWORD);
    }

    private JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(settings.gateway() + path))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    /** The created object, or null (counted: refused as invalid, rate-limited or failed). */
    private JsonNode post(String token, String path, String body) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(settings.gateway() + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return json.readTree(r.body());
            }
            if (r.statusCode() == 409) {
                // What this would create exists already (a site of an earlier demo run): carry on with it.
                JsonNode existing = json.readTree(r.body()).path("existingId");
                if (existing.isTextual()) {
                    return json.createObjectNode().put("id", existing.asText());
                }
            }
            (r.statusCode() == 429 ? limited : r.statusCode() < 500 ? rejected : failed).incrementAndGet();
            if (r.statusCode() >= 500 || rejected.get() <= 3 && r.statusCode() != 429) {
                out.printf("load: POST %s answered %d %s%n", path, r.statusCode(), r.body());
            }
        } catch (Exception e) {
            failed.incrementAndGet();
        }
        return null;
    }
}
