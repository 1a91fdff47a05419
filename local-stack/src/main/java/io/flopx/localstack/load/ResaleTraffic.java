package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * Resale under load: buyers look up leases they hold (their newest settlements) and resell one device of a random
 * one over all its hours not yet started, at the price they paid; the load's orders of the other buyer buy such
 * listings like any offering (an order never meets its own tenant's listing). A lease fully listed already answers
 * 409, as a person would find it. The invariant checker holds every lease to never being resold beyond its
 * devices in any hour, whatever crashed meanwhile.
 */
final class ResaleTraffic {

    /** A lease a buyer holds, and the price per device-hour it paid. */
    record Held(DemoUser buyer, String leaseId, long pricePerDeviceHour) {}

    private final ExchangeClient client;
    private final Random random;
    private final ObjectMapper json = new ObjectMapper();
    final List<Held> held = new CopyOnWriteArrayList<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ResaleTraffic(ExchangeClient client, long seed) {
        this.client = client;
        this.random = new Random(seed);
    }

    ResaleTraffic sharing(ResaleTraffic prepared) {
        prepared.held.forEach(this::remember);
        return this;
    }

    /** Half the time a buyer looks up leases it holds; otherwise it resells a device of one; sent without waiting. */
    void act(BiPredicate<ExchangeClient.Answer, String> record, Runnable sent) {
        if (held.isEmpty() || random.nextBoolean()) {
            DemoUser buyer = OpenLoopDriver.BUYERS[random.nextInt(OpenLoopDriver.BUYERS.length)];
            sent.run();
            client.send(buyer, "GET", "/api/settlements?limit=20", null).thenAccept(a -> {
                if (record.test(a, "look up leases")) {
                    learn(buyer, a.body());
                }
            });
            return;
        }
        Held lease = held.get(random.nextInt(held.size()));
        sent.run();
        client.send(lease.buyer(), "POST", "/api/resales", """
                        {"leaseId":"%s","devices":1,"pricePerDeviceHour":%d}""".formatted(lease.leaseId(), lease.pricePerDeviceHour()))
                // Fully listed already, or every hour started: the state a person would find, not a failure.
                .thenAccept(a -> record.test(a.conflictAsAnswered(), "resell"));
    }

    private void learn(DemoUser buyer, String body) {
        try {
            for (JsonNode s : json.readTree(body)) {
                // Only leases that stand and that the buyer bought (a refused fill was never a lease).
                if (!buyer.tenant().equals(s.path("buyer").asText())
                        || "REFUNDED".equals(s.path("state").asText())) {
                    continue;
                }
                long hours = Duration.between(
                                java.time.Instant.parse(s.path("start").asText()),
                                java.time.Instant.parse(s.path("end").asText()))
                        .toHours();
                long price =
                        s.path("cost").asLong() / Math.max(1, s.path("devices").asLong() * hours);
                remember(new Held(buyer, s.path("fillId").asText(), Math.max(1, price)));
            }
        } catch (Exception e) {
            // An answer that is not a list: nothing learnt (the call was recorded as it was).
        }
    }

    private void remember(Held lease) {
        if (known.add(lease.leaseId())) {
            held.add(lease);
        }
    }
}
