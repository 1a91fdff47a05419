package io.flopx.matching.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The foundation matching engine: price-time priority over hour-slot capacity, trades at the resting
 * side's price, deterministic. Devices orders (any of several models) and throughput orders (GFLOPS at a
 * precision from any mix of models, compared by price per PFLOP-hour); constraints on hub, PUE, green
 * rating and interconnect; all-or-none (from one offering) or partial fills of at least a minimum; gangs
 * (every fill at one site); immediate-or-cancel or good-till with expiry; cancel; amend as cancel-replace.
 * Plain Java, single-threaded: the same commands in the same order give the same events. The matching
 * issue adds a second, indexed implementation and the replay log.
 */
public final class MatchingEngine {

    private final Map<UUID, BookedOffering> offerings = new LinkedHashMap<>();
    private final Map<UUID, RestingOrder> resting = new LinkedHashMap<>();
    /** Every order ever placed: a redelivered order must not trade a second time. */
    private final Set<UUID> seenOrders = new HashSet<>();
    /** Withdrawn offerings: a late copy of an older version must not bring one back. */
    private final Set<UUID> withdrawn = new HashSet<>();
    /** Fills made per order: part of each fill's id, so two fills of one order never share an id. */
    private final Map<UUID, Integer> fillCounts = new HashMap<>();
    private long sequence;

    private record RestingOrder(OrderSpec spec, long sequence, UUID site) {
    }

    private record Candidate(BookedOffering offering, long start, long price) {
    }

    /** A new offering enters the book. */
    public List<EngineEvent> addOffering(OfferingSpec spec) {
        return putOffering(spec, 0);
    }

    /**
     * An offering enters the book or replaces its older version (price, devices, end of window). Leases
     * already made stand: the device count never drops below what any slot has leased. Then resting
     * orders are matched against it, best limit first, then oldest. Stale or repeated versions change nothing.
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

    /** An incoming order takes the cheapest feasible capacity, then the earliest start, then the oldest offering. */
    public List<EngineEvent> placeOrder(OrderSpec order) {
        if (!seenOrders.add(order.id())) {
            return List.of();
        }
        if (order.latestStartHour() < order.earliestStartHour() || order.quantity() <= 0 || order.durationHours() <= 0) {
            return List.of(new EngineEvent.Rejected(order.id(), order.tenant(), "invalid start window, quantity or duration"));
        }
        return arrive(order, sequence++);
    }

    /** Cancels whatever of the order is still resting. */
    public List<EngineEvent> cancelOrder(UUID orderId, String reason) {
        RestingOrder r = resting.remove(orderId);
        return r == null ? List.of() : List.of(new EngineEvent.Cancelled(orderId, r.spec().tenant(), reason));
    }

    /**
     * Cancel-replace: a resting order takes its new limit and remaining quantity and arrives again, behind
     * every order already resting at its price. An order no longer resting (filled, cancelled) is left alone.
     */
    public List<EngineEvent> amendOrder(OrderSpec amended) {
        RestingOrder r = resting.remove(amended.id());
        if (r == null) {
            return List.of();
        }
        if (amended.quantity() <= 0) {
            return List.of();
        }
        return arrive(amended, sequence++);
    }

    /** Expires resting orders whose good-till time is at or before {@code nowSecond}. */
    public List<EngineEvent> expire(long nowSecond) {
        List<EngineEvent> events = new ArrayList<>();
        var it = resting.values().iterator();
        while (it.hasNext()) {
            RestingOrder r = it.next();
            if (r.spec().goodTillSecond() <= nowSecond) {
                it.remove();
                events.add(new EngineEvent.Expired(r.spec().id(), r.spec().tenant(), "good-till time reached"));
            }
        }
        return events;
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

    /** Whether some resting order's good-till time is at or before {@code nowSecond}. */
    public boolean hasExpired(long nowSecond) {
        for (RestingOrder r : resting.values()) {
            if (r.spec().goodTillSecond() <= nowSecond) {
                return true;
            }
        }
        return false;
    }

    /**
     * A digest of everything that decides future matches (offerings with their leases, resting orders
     * with their priority, the ids already seen): two engines fed the same commands have the same hash.
     */
    public String stateHash() {
        StringBuilder state = new StringBuilder();
        offerings.values().stream().sorted(Comparator.comparing(b -> b.spec.id())).forEach(b -> {
            state.append(b.spec).append('|').append(b.version).append('|').append(b.sequence).append('|');
            for (long h = b.spec.fromHour(); h < b.spec.untilHour(); h++) {
                state.append(b.leasedAt(h)).append(',');
            }
            state.append('\n');
        });
        resting.values().stream().sorted(Comparator.comparing(r -> r.spec().id()))
                .forEach(r -> state.append(r).append('\n'));
        seenOrders.stream().sorted().forEach(id -> state.append(id).append(';'));
        withdrawn.stream().sorted().forEach(id -> state.append(id).append(';'));
        fillCounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> state.append(e).append(';'));
        state.append(sequence);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Devices leased in one hour slot of an offering: for the invariant checks in tests. */
    public int leasedAt(UUID offeringId, long hour) {
        return offerings.get(offeringId).leasedAt(hour);
    }

    private List<EngineEvent> arrive(OrderSpec order, long seq) {
        List<EngineEvent> events = new ArrayList<>();
        UUID[] site = { null };
        long remaining = fillFrom(order, order.quantity(), offerings.values(), false, site, events);
        if (remaining == 0) {
            return events;
        }
        String what = (order.throughput() ? remaining + " GFLOPS" : remaining + " devices") + " not fillable now";
        if (order.immediateOrCancel()) {
            events.add(new EngineEvent.Cancelled(order.id(), order.tenant(), "immediate-or-cancel: " + what));
            return events;
        }
        resting.put(order.id(), new RestingOrder(order.withQuantity(remaining), seq, site[0]));
        events.add(new EngineEvent.Resting(order.id(), order.tenant(), events.isEmpty()
                ? "no capacity in the allowed hubs under the limit yet"
                : "partly filled; " + what + ", resting for more"));
        return events;
    }

    private List<EngineEvent> matchResting(BookedOffering booked) {
        List<RestingOrder> byPriority = new ArrayList<>(resting.values());
        // Best limit first in this offering's terms (price per device-hour), then oldest.
        byPriority.sort(Comparator.comparingLong((RestingOrder r) -> -limitPerDeviceHour(r.spec(), booked.spec))
                .thenComparingLong(RestingOrder::sequence));
        List<EngineEvent> events = new ArrayList<>();
        for (RestingOrder r : byPriority) {
            UUID[] site = { r.site() };
            long remaining = fillFrom(r.spec(), r.spec().quantity(), List.of(booked), true, site, events);
            if (remaining == 0) {
                resting.remove(r.spec().id());
            } else if (remaining < r.spec().quantity()) {
                resting.put(r.spec().id(), new RestingOrder(r.spec().withQuantity(remaining), r.sequence(), site[0]));
            }
        }
        return events;
    }

    /**
     * Fills as much of {@code remaining} as the order's policy allows from {@code pool}, cheapest first
     * (in the order's price unit), then earliest start, then oldest offering; returns what is left.
     * All-or-none orders take everything from one offering or nothing; gangs stay at one site.
     */
    private long fillFrom(OrderSpec order, long remaining, Collection<BookedOffering> pool, boolean orderRests,
            UUID[] site, List<EngineEvent> events) {
        while (remaining > 0) {
            Candidate best = null;
            for (BookedOffering b : pool) {
                if (!order.accepts(b.spec) || (order.sameSite() && site[0] != null && !site[0].equals(b.spec.siteId()))) {
                    continue;
                }
                if (!order.withinLimit(b.spec)) {
                    continue;
                }
                long price = order.priceOf(b.spec);
                long least = order.partial() ? order.devicesFor(b.spec, Math.min(order.minFill(), remaining))
                        : order.devicesFor(b.spec, remaining);
                long start = b.earliestFeasibleStart(order.earliestStartHour(), order.latestStartHour(),
                        order.durationHours(), Math.max(1, least));
                if (start >= 0 && (best == null || better(price, start, b, best))) {
                    best = new Candidate(b, start, price);
                }
            }
            if (best == null) {
                return remaining;
            }
            BookedOffering b = best.offering();
            int devices = (int) Math.min(b.freeThroughout(best.start(), order.durationHours()),
                    order.devicesFor(b.spec, remaining));
            long tradePrice = orderRests ? limitPerDeviceHour(order, b.spec) : b.spec.pricePerDeviceHour();
            events.add(fill(order, b, best.start(), devices, tradePrice));
            site[0] = b.spec.siteId();
            remaining = Math.max(0, remaining - order.unitsOf(b.spec, devices));
            if (!order.partial()) {
                return remaining;
            }
        }
        return 0;
    }

    /** The order's limit as a price per device-hour of this offering (never above the limit it stands for). */
    private static long limitPerDeviceHour(OrderSpec order, OfferingSpec s) {
        if (!order.throughput()) {
            return order.limitPrice();
        }
        Long peak = s.peak(order.precision());
        return peak == null ? 0 : order.limitPrice() * peak / 1_000_000;
    }

    private static boolean better(long price, long start, BookedOffering offering, Candidate best) {
        if (price != best.price()) {
            return price < best.price();
        }
        if (start != best.start()) {
            return start < best.start();
        }
        return offering.sequence < best.offering().sequence;
    }

    private EngineEvent.Fill fill(OrderSpec order, BookedOffering offering, long start, int devices, long price) {
        offering.lease(start, order.durationHours(), devices);
        OfferingSpec s = offering.spec;
        int n = fillCounts.merge(order.id(), 1, Integer::sum) - 1;
        // Derived from what was traded, so a replay of the same commands yields the same fill id.
        UUID fillId = UUID.nameUUIDFromBytes(("fill:" + order.id() + ":" + s.id() + ":" + start + ":" + n)
                .getBytes(StandardCharsets.UTF_8));
        return new EngineEvent.Fill(fillId, order.id(), order.tenant(), s.id(), s.tenant(), s.hub(), s.siteId(), s.model(),
                s.pueMilli(), s.tdpWatts(), s.peak(order.precision()), devices, start, start + order.durationHours(), price,
                s.currency());
    }
}
