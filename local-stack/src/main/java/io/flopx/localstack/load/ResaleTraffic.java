package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * Resale under load: buyers look up leases they hold (their newest settlements) and resell one device of a random
 * one over all its hours not yet started, at a tenth of the price they paid (a fire sale below any provider's ask:
 * leases may have traded up to a resting bid's limit, and providers' asks move, so anything less could equal an
 * ask listed earlier, which a bid at that price would meet first);
 * the other buyer bids for half the listings made (an order for exactly those hours, hub and model at the ask:
 * the load's random orders rarely ask for just those hours); such listings trade like any offering (an order never meets its own tenant's listing). A lease fully listed already answers
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
    /** Orders placed to buy resale listings, accepted (for the checker: each must be resting or terminal). */
    final List<String> buyOrders = new CopyOnWriteArrayList<>();

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
                .thenAccept(a -> {
                    if (record.test(a.conflictAsAnswered(), "resell") && a.status() == 201 && random.nextBoolean()) {
                        buy(lease.buyer(), a.body(), record, sent);
                    }
                });
    }

    /**
     * The other buyer bids for a new listing: one device over its hours, in its hub, at its ask, good till those hours
     * start (the order may reach the market before the listing, and then rests until it arrives).
     */
    private void buy(
            DemoUser reseller, String listing, BiPredicate<ExchangeClient.Answer, String> record, Runnable sent) {
        DemoUser buyer = reseller == OpenLoopDriver.BUYERS[0] ? OpenLoopDriver.BUYERS[1] : OpenLoopDriver.BUYERS[0];
        try {
            JsonNode l = json.readTree(listing);
            Instant from = Instant.parse(l.path("availableFrom").asText());
            long hours = Duration.between(
                            from, Instant.parse(l.path("availableUntil").asText()))
                    .toHours();
            sent.run();
            client.send(buyer, "POST", "/api/orders", """
                            {"kind":"DEVICES","models":["%s"],"devices":1,"durationHours":%d,"earliestStart":"%s",
                             "limitPrice":%d,"currency":"CNY","hubs":["%s"]}""".formatted(
                                    l.path("model").asText(),
                                    hours,
                                    from,
                                    l.path("pricePerDeviceHour").asLong(),
                                    l.path("hub").asText()))
                    .thenAccept(a -> {
                        if (record.test(a, "buy resale")) {
                            try {
                                buyOrders.add(json.readTree(a.body()).path("id").asText());
                            } catch (Exception e) {
                                // Accepted, but no id to check: the other invariants still cover its fills.
                            }
                        }
                    });
        } catch (Exception e) {
            // Not a listing: nothing to buy.
        }
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
                                Instant.parse(s.path("start").asText()),
                                Instant.parse(s.path("end").asText()))
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
