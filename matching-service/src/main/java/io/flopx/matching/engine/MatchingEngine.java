package io.flopx.matching.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The thin matching engine of the foundation: price-time priority, all-or-none fills from one offering,
 * trades at the resting side's price. Plain Java, single-threaded, deterministic: the same commands in
 * the same order give the same events, so a market can be replayed and audited. The matching issue
 * replaces it with the full engine (partial fills, heterogeneous throughput orders, gangs, indexes).
 */
public final class MatchingEngine {

    private final Map<UUID, BookedOffering> offerings = new LinkedHashMap<>();
    private final Map<UUID, RestingOrder> resting = new LinkedHashMap<>();
    /** Every order ever placed: a redelivered order must not trade a second time. */
    private final Set<UUID> seenOrders = new HashSet<>();
    /** Withdrawn offerings: a late copy of an older version must not bring one back. */
    private final Set<UUID> withdrawn = new HashSet<>();
    private long sequence;

    private record RestingOrder(OrderSpec spec, long sequence) {
    }

    private record Candidate(BookedOffering offering, long start) {
    }

    /** A new offering enters the book. */
    public List<EngineEvent> addOffering(OfferingSpec spec) {
        return putOffering(spec, 0);
    }

    /**
     * An offering enters the book or replaces its older version (price, devices, end of window). Leases
     * already made stand: the device count never drops below what any slot has leased. Then the offering
     * is matched against resting orders, highest limit first, then oldest. Stale or repeated versions
     * change nothing.
     */
    public List<EngineEvent> putOffering(OfferingSpec spec, long version) {
        BookedOffering booked = offerings.get(spec.id());
        if (booked == null) {
            if (withdrawn.contains(spec.id())) {
                return List.of();
            }
            booked = new BookedOffering(spec, version, sequence++);
            offerings.put(spec.id(), booked);
        } else if (version <= booked.version) {
            return List.of();
        } else {
            booked.amend(spec, version);
        }
        return matchResting(booked);
    }

    /** No more fills from this offering; its leases stand. */
    public void withdrawOffering(UUID id, long version) {
        BookedOffering booked = offerings.get(id);
        if (booked == null || version >= booked.version) {
            offerings.remove(id);
            withdrawn.add(id);
        }
    }

    private List<EngineEvent> matchResting(BookedOffering booked) {
        List<RestingOrder> byPriority = new ArrayList<>(resting.values());
        byPriority.sort(Comparator.comparingLong((RestingOrder r) -> -r.spec().limitPricePerDeviceHour())
                .thenComparingLong(RestingOrder::sequence));
        List<EngineEvent> events = new ArrayList<>();
        for (RestingOrder order : byPriority) {
            if (!compatible(order.spec(), booked)) {
                continue;
            }
            OrderSpec o = order.spec();
            long start = booked.earliestFeasibleStart(o.earliestStartHour(), o.latestStartHour(), o.durationHours(),
                    o.devices());
            if (start >= 0) {
                resting.remove(o.id());
                // The order rested, so the trade is at its price.
                events.add(fill(o, booked, start, o.limitPricePerDeviceHour()));
            }
        }
        return events;
    }

    /** An incoming order takes the cheapest feasible capacity, then the earliest start, then the oldest offering. */
    public List<EngineEvent> placeOrder(OrderSpec order) {
        if (!seenOrders.add(order.id())) {
            return List.of();
        }
        if (order.latestStartHour() < order.earliestStartHour() || order.devices() <= 0 || order.durationHours() <= 0) {
            return List.of(new EngineEvent.Rejected(order.id(), order.tenant(), "invalid start window, devices or duration"));
        }
        Candidate best = null;
        for (BookedOffering offering : offerings.values()) {
            if (!compatible(order, offering)) {
                continue;
            }
            long start = offering.earliestFeasibleStart(order.earliestStartHour(), order.latestStartHour(),
                    order.durationHours(), order.devices());
            if (start >= 0 && (best == null || better(offering, start, best))) {
                best = new Candidate(offering, start);
            }
        }
        if (best == null) {
            resting.put(order.id(), new RestingOrder(order, sequence++));
            return List.of(new EngineEvent.Resting(order.id(), order.tenant(),
                    "no capacity of " + order.model() + " in the allowed hubs under the limit yet"));
        }
        // The offering rested, so the trade is at its price.
        return List.of(fill(order, best.offering(), best.start(), best.offering().spec.pricePerDeviceHour()));
    }

    public int restingOrders() {
        return resting.size();
    }

    public List<OfferingSpec> offerings() {
        return offerings.values().stream().map(b -> b.spec).toList();
    }

    public List<OrderSpec> restingOrderSpecs() {
        return resting.values().stream().map(RestingOrder::spec).toList();
    }

    /** Devices leased in one hour slot of an offering: for the invariant checks in tests. */
    public int leasedAt(UUID offeringId, long hour) {
        return offerings.get(offeringId).leasedAt(hour);
    }

    private static boolean compatible(OrderSpec order, BookedOffering offering) {
        OfferingSpec s = offering.spec;
        return s.model().equals(order.model())
                && s.currency().equals(order.currency())
                && order.allows(s.hub())
                && s.pricePerDeviceHour() <= order.limitPricePerDeviceHour();
    }

    private static boolean better(BookedOffering offering, long start, Candidate best) {
        long price = offering.spec.pricePerDeviceHour();
        long bestPrice = best.offering().spec.pricePerDeviceHour();
        if (price != bestPrice) {
            return price < bestPrice;
        }
        if (start != best.start()) {
            return start < best.start();
        }
        return offering.sequence < best.offering().sequence;
    }

    private static EngineEvent.Fill fill(OrderSpec order, BookedOffering offering, long start, long price) {
        offering.lease(start, order.durationHours(), order.devices());
        OfferingSpec s = offering.spec;
        // Derived from what was traded, so a replay of the same commands yields the same fill id.
        UUID fillId = UUID.nameUUIDFromBytes(("fill:" + order.id() + ":" + s.id() + ":" + start)
                .getBytes(StandardCharsets.UTF_8));
        return new EngineEvent.Fill(fillId, order.id(), order.tenant(), s.id(), s.tenant(), s.hub(), s.model(),
                order.devices(), start, start + order.durationHours(), price, s.currency());
    }
}
