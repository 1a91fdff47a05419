package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoAgent;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.HourTurn;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * Delivery under load: a few leases that started this hour on offerings committed to 99.5 %, bought at once
 * by the demo buyers, then their providers' agents (client credentials) reporting starts and outages, buyers
 * disputing the hour and an operator deciding, all through the gateway while the market trades. What the
 * API accepted is kept for the invariant checker: every outage it accepted must be recorded and credited.
 * The leases are listed for this hour and the next only, so no other order of the load (they start two hours
 * out at the earliest) can take their capacity.
 */
final class DeliveryTraffic {

    static final String HUB = "jing-jin-ji";
    static final int LEASES_PER_PROVIDER = 3;
    static final int DEVICES = 2;
    /** How much of the current hour preparing needs left (it lists, then buys until the matcher has each). */
    private static final Duration HOUR_LEFT_NEEDED = Duration.ofSeconds(60);

    /** A lease the load bought to report on. */
    record Leased(String leaseId, DemoUser buyer, DemoAgent agent, Instant start) {}

    /** An outage the API accepted: the lease, its start and end, the devices affected. */
    record AcceptedOutage(String leaseId, Instant start, Instant end, int devices) {}

    private final ExchangeClient client;
    private final Random random;
    private final ObjectMapper json = new ObjectMapper();
    final List<Leased> leases = new CopyOnWriteArrayList<>();
    final List<AcceptedOutage> outages = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> openDisputes = new ConcurrentLinkedQueue<>();

    DeliveryTraffic(ExchangeClient client, long seed) {
        this.client = client;
        this.random = new Random(seed);
    }

    /** Shares {@code prepared}'s leases (and what was accepted on them so far). */
    DeliveryTraffic sharing(DeliveryTraffic prepared) {
        leases.addAll(prepared.leases);
        return this;
    }

    /**
     * For each provider, an offering of {@code model} at its site in {@link #HUB} for this hour and the next,
     * committed to 99.5 %, and {@link #LEASES_PER_PROVIDER} leases of it bought at once by a buyer.
     */
    void prepare(Map<DemoUser, Map<String, String>> sites, JsonNode model, PrintStream out) throws Exception {
        // Listed and bought for the current hour, which must not end meanwhile: at 16:59:59 a listing from 16:00
        // reached catalog-service at 17:00 and was refused as starting in the past (422), stopping the run.
        Duration waited = HourTurn.clearOfTheHoursEnd(HOUR_LEFT_NEEDED);
        if (!waited.isZero()) {
            out.printf("load: waited %d s for the next hour before listing for delivery reports%n", waited.toSeconds());
        }
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        DemoAgent[] agents = {DemoAgent.WEST_GPU_CLOUD, DemoAgent.YANGTZE_COMPUTE};
        DemoUser[] buyers = {DemoUser.CAROL, DemoUser.DAVE};
        for (int p = 0; p < OpenLoopDriver.PROVIDERS.length; p++) {
            DemoUser provider = OpenLoopDriver.PROVIDERS[p];
            long price = 100 + random.nextInt(50);
            ExchangeClient.Answer listed = client.call(provider, "POST", "/api/offerings", """
                    {"model":"%s","siteId":"%s","devices":%d,"availableFrom":"%s","availableUntil":"%s",
                     "pricePerDeviceHour":%d,"currency":"CNY","availabilityBps":9950}""".formatted(
                            model.path("id").asText(),
                            sites.get(provider).get(HUB),
                            DEVICES * LEASES_PER_PROVIDER,
                            hour,
                            hour.plus(2, ChronoUnit.HOURS),
                            price));
            if (!listed.ok()) {
                throw new IllegalStateException("could not list the delivery offering: HTTP " + listed.status());
            }
            for (int i = 0; i < LEASES_PER_PROVIDER; i++) {
                String lease = buy(buyers[p], model, hour, price);
                if (lease != null) {
                    leases.add(new Leased(lease, buyers[p], agents[p], hour));
                }
            }
        }
        out.printf("load: %d leases this hour for delivery reports%n", leases.size());
    }

    /** An immediate-or-cancel order for the offering just listed (tried until the matcher has it): its lease. */
    private String buy(DemoUser buyer, JsonNode model, Instant hour, long price) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            ExchangeClient.Answer placed = client.call(
                    buyer, "POST", "/api/orders", """
                    {"kind":"DEVICES","models":["%s"],"devices":%d,"durationHours":2,"earliestStart":"%s",
                     "limitPrice":%d,"currency":"CNY","hubs":["%s"],"timeInForce":"IMMEDIATE_OR_CANCEL"}""".formatted(model.path("id").asText(), DEVICES, hour, price, HUB));
            if (!placed.ok()) {
                Thread.sleep(500);
                continue;
            }
            String order = json.readTree(placed.body()).path("id").asText();
            for (int i = 0; i < 40; i++) {
                JsonNode fills = json.readTree(client.call(buyer, "GET", "/api/settlements?order=" + order, null)
                        .body());
                if (fills.isArray() && !fills.isEmpty()) {
                    return fills.get(0).path("fillId").asText();
                }
                String status = json.readTree(client.call(buyer, "GET", "/api/orders/" + order, null)
                                .body())
                        .path("status")
                        .asText();
                if (!status.equals("ACCEPTED") && !status.equals("FILLED") && !status.equals("PARTIALLY_FILLED")) {
                    break; // not filled (the listing had not reached the matcher yet): place another
                }
                Thread.sleep(250);
            }
        }
        return null;
    }

    /** One delivery record on a random lease, sent without waiting (an outage, a start, a dispute, a decision). */
    void act(BiPredicate<ExchangeClient.Answer, String> record, Runnable sent) {
        if (leases.isEmpty()) {
            return;
        }
        Leased l = leases.get(random.nextInt(leases.size()));
        Instant now = Instant.now();
        long minutes = Duration.between(l.start(), now).toMinutes();
        double pick = random.nextDouble();
        if (pick < 0.5 && minutes >= 2 && minutes < 120) {
            // Whole minutes, one device, always the same cause: a retry of the same outage is the same report.
            Instant start = l.start().plus(random.nextLong(minutes - 1), ChronoUnit.MINUTES);
            Instant end = start.plus(1, ChronoUnit.MINUTES);
            sent.run();
            client.send(l.agent(), "POST", "/api/deliveries/" + l.leaseId() + "/outages", """
                            {"start":"%s","end":"%s","devices":1,"cause":"load: device lost"}""".formatted(start, end))
                    .thenAccept(a -> {
                        if (record.test(a, "report outage")) {
                            outages.add(new AcceptedOutage(l.leaseId(), start, end, 1));
                        }
                    });
        } else if (pick < 0.7) {
            sent.run();
            client.send(l.agent(), "POST", "/api/deliveries/" + l.leaseId() + "/start", """
                            {"startedAt":"%s","deviceIds":["%s-0","%s-1"]}""".formatted(
                                    l.start(), l.leaseId(), l.leaseId()))
                    .thenAccept(a -> record.test(a, "report start"));
        } else if (pick < 0.85 || openDisputes.isEmpty()) {
            sent.run();
            client.send(l.buyer(), "POST", "/api/deliveries/" + l.leaseId() + "/disputes", """
                            {"hour":"%s","reason":"load: jobs could not reach the devices"}""".formatted(l.start()))
                    .thenAccept(a -> {
                        if (record.test(a, "dispute hour")) {
                            JsonNode d = tree(a);
                            if (d.path("state").asText().equals("OPEN")) {
                                openDisputes.add(d.path("id").asText());
                            }
                        }
                    });
        } else {
            String dispute = openDisputes.poll();
            if (dispute == null) {
                return;
            }
            boolean accept = random.nextBoolean();
            sent.run();
            client.send(DemoUser.OLIVIA, "POST", "/api/disputes/" + dispute + "/decision", """
                            {"accept":%s,"note":"load: decided %s"}""".formatted(
                                    accept, UUID.randomUUID()))
                    // A retry after a lost answer finds it decided: a 409 then is no error.
                    .thenAccept(a -> record.test(a.conflictAsAnswered(), "decide dispute"));
        }
    }

    private JsonNode tree(ExchangeClient.Answer a) {
        try {
            return json.readTree(a.body());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
