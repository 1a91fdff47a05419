package io.flopx.matching.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What both implementations share: the book's state (offerings with their hour-slot leases, resting
 * orders, ids seen), the rules of a fill and the state hash. Subclasses decide only where to look: which
 * offering is the best match for an order, and in which order resting orders meet an offering.
 */
abstract sealed class EngineCore implements MatchingEngine permits ReferenceEngine, IndexedEngine {

    final Map<UUID, BookedOffering> offerings = new LinkedHashMap<>();
    final Map<UUID, RestingOrder> resting = new LinkedHashMap<>();
    /** Every order ever placed: a redelivered order must not trade a second time. */
    private final Set<UUID> seenOrders = new HashSet<>();
    /** Withdrawn offerings: a late copy of an older version must not bring one back. */
    private final Set<UUID> withdrawn = new HashSet<>();
    /** Arrival order of offerings and orders: the time in price-time priority. */
    private long sequence;
    private final Match match = new Match();
    private static final String NOTHING_FILLABLE_YET = "no capacity in the allowed hubs under the limit yet";

    /** The best offering found so far for one fill: price in the order's unit, then start, then age. Reused. */
    static final class Match {
        BookedOffering offering;
        long start;
        long price;

        void clear() {
            offering = null;
        }

        void offer(BookedOffering b, long start, long price) {
            if (offering == null || price < this.price || price == this.price
                    && (start < this.start || start == this.start && b.sequence < offering.sequence)) {
                offering = b;
                this.start = start;
                this.price = price;
            }
        }
    }

    abstract void indexOffering(BookedOffering b);

    abstract void unindexOffering(BookedOffering b);

    abstract void indexResting(RestingOrder r);

    abstract void unindexResting(RestingOrder r);

    /** Offers {@code match} every offering that could be the best for this order; false if none fits. */
    abstract boolean findBest(OrderSpec order, long remaining, UUID site, Match match);

    /**
     * Resting orders in the order they meet a new or cheaper offering: best limit in its terms (per
     * device-hour) first, then oldest. It may include orders that cannot trade with it; it must include all
     * that can.
     */
    abstract List<RestingOrder> restingByPriority(BookedOffering b);

    /** Resting orders whose good-till time is at or before {@code nowSecond}, in any order. */
    abstract List<RestingOrder> dueToExpire(long nowSecond);

    @Override
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
            unindexOffering(booked);
            booked.amend(spec, version);
        }
        indexOffering(booked);
        return matchResting(booked);
    }

    @Override
    public void withdrawOffering(UUID id, long version) {
        BookedOffering booked = offerings.get(id);
        if (booked == null || version >= booked.version) {
            if (booked != null) {
                unindexOffering(booked);
            }
            offerings.remove(id);
            withdrawn.add(id);
        }
    }

    @Override
    public List<EngineEvent> placeOrder(OrderSpec order, int earlierFills) {
        if (!seenOrders.add(order.id())) {
            return List.of();
        }
        if (!valid(order)) {
            return List.of(new EngineEvent.Rejected(order.id(), order.tenant(), "invalid start window, quantity or duration"));
        }
        return arrive(order, sequence++, earlierFills);
    }

    @Override
    public List<EngineEvent.Fill> sweep(OrderSpec order, int earlierFills) {
        if (!valid(order) || seenOrders.contains(order.id())) {
            return List.of();
        }
        if (order.sameSite() && order.partial()) {
            long quoted = 0;
            for (EngineEvent.Fill f : quote(order)) {
                quoted += f.units();
            }
            if (quoted < order.quantity()) {
                return List.of();
            }
        }
        List<EngineEvent> fills = new ArrayList<>(2);
        fill(order, order.quantity(), null, false, new UUID[1], fills, earlierFills);
        return fillsOf(fills);
    }

    @Override
    public List<EngineEvent.Fill> quote(OrderSpec order) {
        List<EngineEvent> fills = new ArrayList<>();
        if (valid(order)) {
            fill(order, order.quantity(), null, false, new UUID[1], fills, 0);
        }
        for (EngineEvent e : fills) {
            EngineEvent.Fill f = (EngineEvent.Fill) e;
            // A quote trades nothing: give back the slots it took to find the next fill.
            offerings.get(f.offeringId()).lease(f.startHour(), (int) (f.endHour() - f.startHour()), -f.devices());
        }
        return fillsOf(fills);
    }

    private static boolean valid(OrderSpec order) {
        return order.latestStartHour() >= order.earliestStartHour() && order.quantity() > 0 && order.durationHours() > 0;
    }

    private static List<EngineEvent.Fill> fillsOf(List<EngineEvent> events) {
        List<EngineEvent.Fill> fills = new ArrayList<>(events.size());
        for (EngineEvent e : events) {
            fills.add((EngineEvent.Fill) e);
        }
        return fills;
    }

    @Override
    public List<EngineEvent> cancelOrder(UUID orderId, String reason) {
        RestingOrder r = resting.remove(orderId);
        if (r == null) {
            return List.of();
        }
        unindexResting(r);
        return List.of(new EngineEvent.Cancelled(orderId, r.spec.tenant(), reason));
    }

    @Override
    public List<EngineEvent> amendOrder(OrderSpec amended) {
        RestingOrder r = resting.remove(amended.id());
        if (r == null) {
            return List.of();
        }
        unindexResting(r);
        if (amended.quantity() <= 0) {
            return List.of();
        }
        return arrive(amended, sequence++, r.fills);
    }

    @Override
    public List<EngineEvent> expire(long nowSecond) {
        List<RestingOrder> due = new ArrayList<>(dueToExpire(nowSecond));
        if (due.isEmpty()) {
            return List.of();
        }
        due.sort(Comparator.comparingLong(r -> r.sequence));
        List<EngineEvent> events = new ArrayList<>(due.size());
        for (RestingOrder r : due) {
            resting.remove(r.spec.id());
            unindexResting(r);
            events.add(new EngineEvent.Expired(r.spec.id(), r.spec.tenant(), "good-till time reached"));
        }
        return events;
    }

    @Override
    public int restingOrders() {
        return resting.size();
    }

    @Override
    public List<OfferingSpec> offerings() {
        return offerings.values().stream().map(b -> b.spec).toList();
    }

    @Override
    public List<OrderSpec> restingOrderSpecs() {
        return resting.values().stream().map(r -> r.spec).toList();
    }

    @Override
    public int leasedAt(UUID offeringId, long hour) {
        return offerings.get(offeringId).leasedAt(hour);
    }

    @Override
    public String stateHash() {
        StringBuilder state = new StringBuilder();
        offerings.values().stream().sorted(Comparator.comparing(b -> b.spec.id())).forEach(b -> {
            state.append(b.spec).append('|').append(b.version).append('|').append(b.sequence).append('|');
            for (long h = b.spec.fromHour(); h < b.spec.untilHour(); h++) {
                state.append(b.leasedAt(h)).append(',');
            }
            state.append('\n');
        });
        resting.values().stream().sorted(Comparator.comparing(r -> r.spec.id())).forEach(r -> state.append(r).append('\n'));
        seenOrders.stream().sorted().forEach(id -> state.append(id).append(';'));
        withdrawn.stream().sorted().forEach(id -> state.append(id).append(';'));
        state.append(sequence);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Offers {@code match} one offering if it can fill this order now: the order's constraints, its gang's
     * site, its limit and a start in its window with enough free devices for the smallest acceptable fill.
     */
    static void consider(OrderSpec order, long remaining, UUID site, BookedOffering b, Match match) {
        if (!order.accepts(b.spec) || (order.sameSite() && site != null && !site.equals(b.spec.siteId()))
                || !order.withinLimit(b.spec)) {
            return;
        }
        long least = order.partial() ? order.devicesFor(b.spec, Math.min(order.minFill(), remaining))
                : order.devicesFor(b.spec, remaining);
        long start = b.earliestFeasibleStart(order.earliestStartHour(), order.latestStartHour(), order.durationHours(),
                Math.max(1, least));
        if (start >= 0) {
            match.offer(b, start, order.priceOf(b.spec));
        }
    }

    /** The order's limit as a price per device-hour of this offering (never above the limit it stands for). */
    static long limitPerDeviceHour(OrderSpec order, OfferingSpec s) {
        if (!order.throughput()) {
            return order.limitPrice();
        }
        Long peak = s.peak(order.precision());
        return peak == null ? 0 : order.limitPrice() * peak / 1_000_000;
    }

    /** An order arrives having had {@code fills} fills already (before an amendment). */
    private List<EngineEvent> arrive(OrderSpec order, long seq, int fills) {
        List<EngineEvent> events = new ArrayList<>(2);
        UUID[] site = { null };
        long remaining = fill(order, order.quantity(), null, false, site, events, fills);
        if (remaining == 0) {
            return events;
        }
        if (order.immediateOrCancel()) {
            events.add(new EngineEvent.Cancelled(order.id(), order.tenant(), "immediate-or-cancel: " + unfilled(order, remaining)));
            return events;
        }
        RestingOrder r = new RestingOrder(order.withQuantity(remaining), seq, site[0], fills + events.size());
        resting.put(order.id(), r);
        indexResting(r);
        events.add(new EngineEvent.Resting(order.id(), order.tenant(), events.isEmpty() ? NOTHING_FILLABLE_YET
                : "partly filled; " + unfilled(order, remaining) + ", resting for more"));
        return events;
    }

    private static String unfilled(OrderSpec order, long remaining) {
        return remaining + (order.throughput() ? " GFLOPS" : " devices") + " not fillable now";
    }

    private List<EngineEvent> matchResting(BookedOffering booked) {
        List<RestingOrder> byPriority = restingByPriority(booked);
        if (byPriority.isEmpty()) {
            return List.of();
        }
        List<EngineEvent> events = new ArrayList<>();
        for (RestingOrder r : byPriority) {
            UUID[] site = { r.site };
            int before = events.size();
            long remaining = fill(r.spec, r.spec.quantity(), booked, true, site, events, r.fills);
            r.fills += events.size() - before;
            if (remaining == 0) {
                resting.remove(r.spec.id());
                unindexResting(r);
            } else if (remaining < r.spec.quantity()) {
                r.spec = r.spec.withQuantity(remaining);
                r.site = site[0];
            }
        }
        return events;
    }

    /**
     * Fills as much of {@code remaining} as the order's policy allows, from {@code only} or else from the
     * whole book, cheapest first (in the order's price unit), then earliest start, then oldest offering;
     * returns what is left. All-or-none orders take everything from one offering or nothing; gangs stay at
     * one site. The order's earlier fills number its new ones: with the order, the offering and the start
     * hour they make each fill's id.
     */
    private long fill(OrderSpec order, long remaining, BookedOffering only, boolean orderRests, UUID[] site,
            List<EngineEvent> events, int earlierFills) {
        int n = earlierFills;
        while (remaining > 0) {
            match.clear();
            if (only == null) {
                findBest(order, remaining, site[0], match);
            } else {
                consider(order, remaining, site[0], only, match);
            }
            BookedOffering b = match.offering;
            if (b == null) {
                return remaining;
            }
            long start = match.start;
            int devices = (int) Math.min(b.freeThroughout(start, order.durationHours()), order.devicesFor(b.spec, remaining));
            long tradePrice = orderRests ? limitPerDeviceHour(order, b.spec) : b.spec.pricePerDeviceHour();
            b.lease(start, order.durationHours(), devices);
            events.add(fill(order, b.spec, start, devices, tradePrice, n++));
            site[0] = b.spec.siteId();
            remaining = Math.max(0, remaining - order.unitsOf(b.spec, devices));
            if (!order.partial()) {
                return remaining;
            }
        }
        return 0;
    }

    private static EngineEvent.Fill fill(OrderSpec order, OfferingSpec s, long start, int devices, long price, int n) {
        return new EngineEvent.Fill(FillIds.of(order.id(), s.id(), start, n), order.id(), order.tenant(), s.id(), s.tenant(),
                s.hub(), s.siteId(), s.model(), s.pueMilli(), s.tdpWatts(), s.peak(order.precision()), devices, start,
                start + order.durationHours(), price, s.currency());
    }
}
