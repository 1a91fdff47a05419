package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.localstack.HubChoice;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives the exchange through the gateway at a fixed arrival rate (an open loop: each request leaves at
 * its scheduled time, answered or not, so a slow exchange shows as latency instead of hiding as a lower
 * rate). Per second, for {@code rate} order placements: a tenth as many provider changes (new listings
 * and price amendments), a twentieth amendments of resting orders (a raised limit that makes them trade),
 * a twentieth cancellations, a fiftieth delivery records (DeliveryTraffic), a two-hundredth standing plans scaled
 * (PlanTraffic) and three hundredths resale of leases the buyers hold (ResaleTraffic). Orders are of both kinds (devices of a model, FP16 throughput), in one
 * hub, two, or any; about 85 % are priced to trade at once, the rest rest.
 */
final class OpenLoopDriver {

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
    /** The going rate offerings are priced around, in CNY per PFLOP-hour at FP16. */
    static final double GOING_RATE = 1500;

    static final DemoUser[] PROVIDERS = {DemoUser.ALICE, DemoUser.BOB};
    static final DemoUser[] BUYERS = {DemoUser.CAROL, DemoUser.DAVE};

    /** An order placement: when it was due (epoch micros), when it was accepted, and whether it was priced to trade. */
    record Placement(
            String orderId,
            DemoUser buyer,
            long dueMicros,
            long acceptedMicros,
            boolean marketable,
            String kind,
            long tradingLimit) {}

    /** An accepted provider change: the offering and the version the API answered with. */
    record ProviderChange(String offeringId, long version) {}

    private final ExchangeClient client;
    private final PrintStream out;
    private final Random random;
    private final long seed;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> models = new ArrayList<>();
    private final Map<DemoUser, Map<String, String>> sites = new ConcurrentHashMap<>(); // provider -> hub -> site id
    private final List<String[]> offerings = new CopyOnWriteArrayList<>(); // {provider ordinal, offering id, price}
    private final ConcurrentLinkedQueue<Placement> resting = new ConcurrentLinkedQueue<>();

    final List<Placement> placements = new CopyOnWriteArrayList<>();
    final List<ProviderChange> providerChanges = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong ok = new AtomicLong();

    /** Delivery records on a few leases of this hour (see DeliveryTraffic). */
    final DeliveryTraffic delivery;
    /** Standing plans the buyers keep and scale (see PlanTraffic). */
    final PlanTraffic plans;
    /** Leases the buyers resell (see ResaleTraffic). */
    final ResaleTraffic resales;

    OpenLoopDriver(ExchangeClient client, PrintStream out, long seed) {
        this.client = client;
        this.out = out;
        this.random = new Random(seed);
        this.seed = seed;
        this.delivery = new DeliveryTraffic(client, seed);
        this.plans = new PlanTraffic(client, seed);
        this.resales = new ResaleTraffic(client, seed);
    }

    /** A driver for another phase on the market {@code prepared} made (its models, sites and offerings). */
    OpenLoopDriver sharing(OpenLoopDriver prepared) {
        models.addAll(prepared.models);
        sites.putAll(prepared.sites);
        offerings.addAll(prepared.offerings);
        delivery.sharing(prepared.delivery);
        plans.sharing(prepared.plans);
        resales.sharing(prepared.resales);
        return this;
    }

    /** Sites in every hub for both providers and deep offerings of three FP16 models: the market to trade on. */
    void prepare() throws Exception {
        for (JsonNode m : json.readTree(
                client.call(DemoUser.CAROL, "GET", "/api/models", null).body())) {
            if (m.path("fp16Gflops").asLong() > 0 && models.size() < 3) {
                models.add(m);
            }
        }
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        for (DemoUser provider : PROVIDERS) {
            Map<String, String> own = new TreeMap<>();
            for (String hub : HUBS) {
                ExchangeClient.Answer site =
                        client.call(provider, "POST", "/api/sites", """
                        {"name":"Load %d %s %s","hub":"%s","pue":1.2,"greenRating":"4A","backboneConnected":true,
                         "interconnect":"ROCE"}""".formatted(seed, provider.username(), hub, hub));
                own.put(hub, json.readTree(require(site, "site")).path("id").asText());
                for (JsonNode model : models) {
                    list(provider, own.get(hub), model, 512, from, from.plus(30, ChronoUnit.DAYS), null);
                }
            }
            sites.put(provider, own);
        }
        out.printf(
                "load: prepared %d sites and %d offerings of %d models in %d hubs%n",
                sites.size() * HUBS.length, offerings.size(), models.size(), HUBS.length);
        delivery.prepare(sites, models.get(0), out);
        plans.prepare(models.get(0), Math.round(pricePerDevice(models.get(0)) * 1.5), out);
    }

    /** Runs the schedule for {@code duration} or {@code count} placements; progress every 5 s. */
    void run(double rate, Duration duration, long count, Supplier<String> progressExtra) throws InterruptedException {
        double opsPerSecond = rate * (1 + 0.1 + 0.05 + 0.05 + 0.02 + 0.005 + 0.03);
        long intervalNanos = (long) (1e9 / opsPerSecond);
        long start = System.nanoTime();
        long startMicros = ExchangeClient.nowMicros();
        long end = start + duration.toNanos();
        long lastReport = start;
        long placed = 0;
        // A driver may run again (the warm-up does, a slice at a time): rates count this run's placements.
        int placedBefore = placements.size();
        for (long i = 0; placed < count; i++) {
            long due = start + i * intervalNanos;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long dueMicros = startMicros + (due - start) / 1000;
            double pick = random.nextDouble() * opsPerSecond / rate;
            if (pick < 1) {
                place(dueMicros);
                placed++;
            } else if (pick < 1.1) {
                changeOffering();
            } else if (pick < 1.15) {
                amendResting();
            } else if (pick < 1.2) {
                cancelResting();
            } else if (pick < 1.22) {
                delivery.act(this::record, sent::incrementAndGet);
            } else if (pick < 1.225) {
                plans.act(this::record, sent::incrementAndGet);
            } else {
                resales.act(this::record, sent::incrementAndGet);
            }
            if (System.nanoTime() - lastReport >= 5_000_000_000L) {
                lastReport = System.nanoTime();
                report(start, placedBefore, progressExtra.get());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (answered.get() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        report(start, placedBefore, progressExtra.get());
    }

    private void place(long dueMicros) {
        DemoUser buyer = BUYERS[random.nextInt(BUYERS.length)];
        boolean marketable = random.nextDouble() < 0.85;
        Instant earliest =
                Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2 + random.nextInt(24 * 28), ChronoUnit.HOURS);
        double h = random.nextDouble();
        String hubs = h < 0.6 ? "[\"" + hub() + "\"]" : h < 0.85 ? HubChoice.twoDifferent(random, HUBS) : "[]";
        String body;
        String kind;
        long tradingLimit;
        if (random.nextDouble() < 0.25) {
            kind = "THROUGHPUT";
            tradingLimit = Math.round(GOING_RATE * 1.5);
            body = """
                    {"kind":"THROUGHPUT","tflops":%d,"precision":"FP16","durationHours":%d,"earliestStart":"%s",
                     "latestStart":"%s","limitPrice":%d,"currency":"CNY","hubs":%s,"fillPolicy":"PARTIAL"}""".formatted(
                            1000 * (1 + random.nextInt(4)),
                            1 + random.nextInt(4),
                            earliest,
                            earliest.plus(24, ChronoUnit.HOURS),
                            marketable ? tradingLimit : Math.round(GOING_RATE * 0.4),
                            hubs);
        } else {
            kind = "DEVICES";
            JsonNode model = models.get(random.nextInt(models.size()));
            tradingLimit = Math.round(pricePerDevice(model) * 1.5);
            body = """
                    {"kind":"DEVICES","models":["%s"],"devices":%d,"durationHours":%d,"earliestStart":"%s","latestStart":"%s",
                     "limitPrice":%d,"currency":"CNY","hubs":%s,"fillPolicy":"PARTIAL"}""".formatted(
                            model.path("id").asText(),
                            1 + random.nextInt(8),
                            1 + random.nextInt(4),
                            earliest,
                            earliest.plus(24, ChronoUnit.HOURS),
                            marketable ? tradingLimit : Math.round(pricePerDevice(model) * 0.4),
                            hubs);
        }
        sent.incrementAndGet();
        long limit = tradingLimit;
        client.send(buyer, "POST", "/api/orders", body).thenAccept(a -> {
            if (record(a, "place order")) {
                Placement p =
                        new Placement(text(a, "id"), buyer, dueMicros, a.answeredMicros(), marketable, kind, limit);
                placements.add(p);
                if (!marketable) {
                    resting.add(p);
                }
            }
        });
    }

    private void changeOffering() {
        DemoUser provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
        if (random.nextBoolean() || offerings.isEmpty()) {
            JsonNode model = models.get(random.nextInt(models.size()));
            Instant from =
                    Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1 + random.nextInt(24 * 7), ChronoUnit.HOURS);
            sent.incrementAndGet();
            list(
                    provider,
                    sites.get(provider).get(hub()),
                    model,
                    64 * (1 + random.nextInt(4)),
                    from,
                    from.plus(21, ChronoUnit.DAYS),
                    this::record);
        } else {
            String[] offering = offerings.get(random.nextInt(offerings.size()));
            DemoUser owner = PROVIDERS[Integer.parseInt(offering[0])];
            long price = Math.max(1, Math.round(Long.parseLong(offering[2]) * (0.95 + random.nextDouble() * 0.1)));
            sent.incrementAndGet();
            client.send(owner, "PATCH", "/api/offerings/" + offering[1], "{\"pricePerDeviceHour\":" + price + "}")
                    .thenAccept(a -> {
                        if (record(a, "amend offering")) {
                            providerChanges.add(new ProviderChange(
                                    offering[1], json(a).path("version").asLong()));
                        }
                    });
        }
    }

    private void amendResting() {
        Placement p = resting.poll();
        if (p == null) {
            return;
        }
        sent.incrementAndGet();
        // Raised to a marketable limit: the amended order trades.
        client.send(p.buyer(), "PATCH", "/api/orders/" + p.orderId(), "{\"limitPrice\":" + p.tradingLimit() + "}")
                .thenAccept(a -> record(a, "amend order"));
    }

    private void cancelResting() {
        Placement p = resting.poll();
        if (p == null) {
            return;
        }
        sent.incrementAndGet();
        client.send(p.buyer(), "POST", "/api/orders/" + p.orderId() + "/cancel", null)
                .thenAccept(a -> record(a, "cancel order"));
    }

    private void list(
            DemoUser provider,
            String siteId,
            JsonNode model,
            int devices,
            Instant from,
            Instant until,
            java.util.function.BiPredicate<ExchangeClient.Answer, String> recorder) {
        long price = Math.max(1, Math.round(pricePerDevice(model) * (0.9 + random.nextDouble() * 0.2)));
        var answer = client.send(provider, "POST", "/api/offerings", """
                {"model":"%s","siteId":"%s","devices":%d,"availableFrom":"%s","availableUntil":"%s",
                 "pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                                model.path("id").asText(), siteId, devices, from, until, price))
                .thenAccept(a -> {
                    if (recorder == null ? a.ok() : recorder.test(a, "list offering")) {
                        String id = text(a, "id");
                        offerings.add(new String[] {
                            String.valueOf(provider == DemoUser.ALICE ? 0 : 1), id, String.valueOf(price)
                        });
                        providerChanges.add(
                                new ProviderChange(id, json(a).path("version").asLong()));
                    }
                });
        if (recorder == null) {
            answer.join();
        }
    }

    /** Counts an answer; true when it was a success. Failures are counted by what went wrong. */
    private boolean record(ExchangeClient.Answer a, String what) {
        answered.incrementAndGet();
        if (a.ok()) {
            ok.incrementAndGet();
            return true;
        }
        String type = a.status() == 0 ? what + ": " + a.failure() : what + ": HTTP " + a.status();
        errors.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
        return false;
    }

    private void report(long start, int placedBefore, String extra) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
        out.printf(
                "load: %5.1f s  sent %,d  ok %,d  errors %,d  in flight %,d  orders accepted %,d (%.0f/s)  %s%n",
                seconds,
                sent.get(),
                ok.get(),
                errorCount,
                sent.get() - answered.get(),
                placements.size(),
                (placements.size() - placedBefore) / seconds,
                extra);
    }

    private String hub() {
        return HUBS[random.nextInt(HUBS.length)];
    }

    private static double pricePerDevice(JsonNode model) {
        return model.path("fp16Gflops").asLong() / 1e6 * GOING_RATE;
    }

    private String require(ExchangeClient.Answer a, String what) {
        if (!a.ok()) {
            throw new IllegalStateException("could not create the " + what + ": HTTP " + a.status() + " " + a.body());
        }
        return a.body();
    }

    private JsonNode json(ExchangeClient.Answer a) {
        try {
            return json.readTree(a.body());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private String text(ExchangeClient.Answer a, String field) {
        return json(a).path(field).asText();
    }
}
