package io.flopx.matching.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    /**
     * Orders placed here and not yet forgotten (see {@link #forgetOrder}): a redelivered order must not trade
     * a second time. An order resting here is known by being in the book.
     */
    private final Set<UUID> seenOrders = new LinkedHashSet<>();
    /** Withdrawn offerings not yet forgotten: a late copy of an older version must not bring one back. */
    private final Set<UUID> withdrawn = new LinkedHashSet<>();
    /** Arrival order of offerings and orders: the time in price-time priority. */
    private long sequence;

    private final Match match = new Match();
    private static final String NOTHING_FILLABLE_YET = "no capacity in the allowed hubs under the limit yet";

    /** The best offering found so far for one fill: price in the order's unit, then start, then age. Reused. */
    static final class Match {
        BookedOffering offering;
        long start;
        long price;
        /** Places (site, model, start) where a gang did not fit whole in this step: skipped when it tries again. */
        final Set<String> excluded = new HashSet<>();

        void clear() {
            offering = null;
        }

        boolean excludes(boolean gang, OfferingSpec s, long start) {
            return !excluded.isEmpty() && excluded.contains(Place.key(gang, s, start));
        }

        void offer(BookedOffering b, long start, long price) {
            if (offering == null
                    || price < this.price
                    || price == this.price
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

    /** Offers {@code match} every offering that could be the best for this order (within its gang's place); false if none fits. */
    abstract boolean findBest(OrderSpec order, Place place, Match match);

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
    public List<EngineEvent> placeOrder(OrderSpec order, int earlierFills, long filledBefore) {
        if (resting.containsKey(order.id()) || !seenOrders.add(order.id())) {
            return List.of();
        }
        if (!valid(order)) {
            return List.of(
                    new EngineEvent.Rejected(order.id(), order.tenant(), "invalid start window, quantity or duration"));
        }
        return arrive(order, sequence++, earlierFills, filledBefore, null);
    }

    @Override
    public List<EngineEvent.Fill> sweep(OrderSpec order, int earlierFills, long filledBefore) {
        if (!valid(order) || seenOrders.contains(order.id()) || resting.containsKey(order.id())) {
            return List.of();
        }
        // A gang passing through takes something only if one place here holds all of it: its devices must
        // never be split between hubs.
        List<EngineEvent> fills = new ArrayList<>(2);
        fill(order, order.quantity(), filledBefore, null, gangOf(order, null), order.sameSite(), fills, earlierFills);
        return fillsOf(fills);
    }

    @Override
    public List<EngineEvent.Fill> quote(OrderSpec order, long filledBefore, boolean passingThrough) {
        List<EngineEvent> fills = new ArrayList<>();
        if (valid(order)) {
            fill(
                    order,
                    order.quantity(),
                    filledBefore,
                    null,
                    gangOf(order, null),
                    passingThrough && order.sameSite(),
                    fills,
                    0);
        }
        List<EngineEvent.Fill> quoted = fillsOf(fills);
        // A quote trades nothing: give back the slots it took to find the next fill.
        undo(fills, 0);
        return quoted;
    }

    private static boolean valid(OrderSpec order) {
        return order.latestStartHour() >= order.earliestStartHour()
                && order.quantity() > 0
                && order.durationHours() > 0;
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
        // The new quantity is the order's total: what this market already filled counts against it, even
        // fills the enterprise had not seen when it amended. Nothing left means the order is complete.
        long remaining = amended.quantity() - r.filled;
        if (remaining <= 0) {
            return List.of();
        }
        return arrive(amended.withQuantity(remaining), sequence++, r.fills, r.filled, r.gang);
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
    public boolean rests(UUID orderId) {
        return resting.containsKey(orderId);
    }

    @Override
    public List<UUID> ordersToMoveFor(OfferingSpec offering, Set<UUID> candidates) {
        List<RestingOrder> could = new ArrayList<>();
        for (UUID id : candidates) {
            RestingOrder r = resting.get(id);
            if (r != null
                    && (r.gang == null || !r.gang.isSet())
                    && r.spec.accepts(offering)
                    && r.spec.withinLimit(offering)
                    && fitsWindow(r.spec, offering)
                    && (r.spec.partial() || r.spec.devicesFor(offering, r.spec.quantity()) <= offering.devices())) {
                could.add(r);
            }
        }
        could.sort(Comparator.comparingLong((RestingOrder r) -> -limitPerDeviceHour(r.spec, offering))
                .thenComparingLong(r -> r.sequence));
        List<UUID> moves = new ArrayList<>();
        long devicesLeft = offering.devices();
        for (RestingOrder r : could) {
            if (devicesLeft <= 0) {
                break;
            }
            moves.add(r.spec.id());
            devicesLeft -= Math.max(
                    1,
                    r.spec.partial()
                            ? r.spec.devicesFor(offering, Math.max(1, r.spec.minFill()))
                            : r.spec.devicesFor(offering, r.spec.quantity()));
        }
        return moves;
    }

    /** Whether the offering's window holds the order's duration from some start in the order's start window. */
    private static boolean fitsWindow(OrderSpec o, OfferingSpec s) {
        long first = Math.max(o.earliestStartHour(), s.fromHour());
        long last = Math.min(o.latestStartHour(), s.untilHour() - o.durationHours());
        return first <= last;
    }

    @Override
    public Moving takeResting(UUID orderId) {
        RestingOrder r = resting.remove(orderId);
        if (r == null) {
            return null;
        }
        unindexResting(r);
        return new Moving(r.spec, r.fills);
    }

    @Override
    public List<EngineEvent> returnOrder(OrderSpec order, int earlierFills, long filledBefore) {
        if (!valid(order) || resting.containsKey(order.id())) {
            return List.of();
        }
        seenOrders.add(order.id());
        List<EngineEvent> events = new ArrayList<>(arrive(order, sequence++, earlierFills, filledBefore, null));
        // It was resting before it left: saying so again would tell nobody anything.
        events.removeIf(e -> e instanceof EngineEvent.Resting);
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
    public long firstFreeHour(UUID offeringId, long hour) {
        BookedOffering booked = offerings.get(offeringId);
        return booked == null ? -1 : booked.firstFreeHour(hour);
    }

    @Override
    public void forgetOrder(UUID orderId) {
        seenOrders.remove(orderId);
    }

    @Override
    public void forgetWithdrawal(UUID offeringId) {
        withdrawn.remove(offeringId);
    }

    @Override
    public int remembered() {
        return seenOrders.size() + withdrawn.size();
    }

    @Override
    public EngineState state() {
        List<EngineState.Offering> books = new ArrayList<>(offerings.size());
        offerings.values().forEach(b -> books.add(new EngineState.Offering(b.spec, b.version, b.sequence, b.leased())));
        List<EngineState.Resting> orders = new ArrayList<>(resting.size());
        resting.values()
                .forEach(r -> orders.add(new EngineState.Resting(
                        r.spec,
                        r.sequence,
                        r.gang == null ? null : new EngineState.Gang(r.gang.site, r.gang.model, r.gang.start),
                        r.fills,
                        r.filled)));
        return new EngineState(sequence, books, orders, List.copyOf(seenOrders), List.copyOf(withdrawn));
    }

    /** Fills this (new, empty) engine with a state taken from another: the same book, priorities and ids seen. */
    EngineCore restore(EngineState state) {
        if (!offerings.isEmpty() || !resting.isEmpty() || sequence != 0) {
            throw new IllegalStateException("an engine is restored only when new");
        }
        for (EngineState.Offering o : state.offerings()) {
            BookedOffering b = new BookedOffering(o.spec(), o.version(), o.sequence(), o.leased());
            offerings.put(o.spec().id(), b);
            indexOffering(b);
        }
        for (EngineState.Resting o : state.resting()) {
            Place gang = null;
            if (o.gang() != null) {
                gang = new Place(true);
                gang.set(o.gang().site(), o.gang().model(), o.gang().start());
            }
            RestingOrder r = new RestingOrder(o.spec(), o.sequence(), gang, o.fills(), o.filled());
            resting.put(o.spec().id(), r);
            indexResting(r);
        }
        seenOrders.addAll(state.seenOrders());
        withdrawn.addAll(state.withdrawn());
        sequence = state.sequence();
        return this;
    }

    @Override
    public String stateHash() {
        StringBuilder state = new StringBuilder();
        offerings.values().stream()
                .sorted(Comparator.comparing(b -> b.spec.id()))
                .forEach(b -> {
                    state.append(b.spec.canonical())
                            .append('|')
                            .append(b.version)
                            .append('|')
                            .append(b.sequence)
                            .append('|');
                    for (long h = b.spec.fromHour(); h < b.spec.untilHour(); h++) {
                        state.append(b.leasedAt(h)).append(',');
                    }
                    state.append('\n');
                });
        resting.values().stream()
                .sorted(Comparator.comparing(r -> r.spec.id()))
                .forEach(r -> state.append(r).append('\n'));
        seenOrders.stream().sorted().forEach(id -> state.append(id).append(';'));
        withdrawn.stream().sorted().forEach(id -> state.append(id).append(';'));
        state.append(sequence);
        // Not service-support's Sha256: the engine depends on nothing outside java.* (LayeringTest).
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Offers {@code match} one offering if it can lease at least one device to this order now: the order's
     * constraints, its limit, the step's place once set (start; for a gang also site and model), else the
     * earliest start in the order's window with a device free for the whole duration, skipping places this
     * step already found too small.
     */
    static void consider(OrderSpec order, Place place, BookedOffering b, Match match) {
        if (!order.accepts(b.spec) || place != null && !place.admits(b.spec) || !order.withinLimit(b.spec)) {
            return;
        }
        boolean pinned = place != null && place.isSet();
        long from = pinned ? place.start : order.earliestStartHour();
        long to = pinned ? place.start : order.latestStartHour();
        long start = b.earliestFeasibleStart(from, to, order.durationHours(), 1);
        boolean gang = place != null && place.gang;
        while (start >= 0 && !pinned && match.excludes(gang, b.spec, start)) {
            start = b.earliestFeasibleStart(start + 1, to, order.durationHours(), 1);
        }
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

    private static Place gangOf(OrderSpec order, Place earlier) {
        return !order.sameSite() ? null : earlier != null ? earlier : new Place(true);
    }

    /** An order arrives having had {@code fills} fills of {@code filledBefore} units already (in other markets, or before an amendment). */
    private List<EngineEvent> arrive(OrderSpec order, long seq, int fills, long filledBefore, Place earlier) {
        List<EngineEvent> events = new ArrayList<>(2);
        Place gang = gangOf(order, earlier);
        long remaining = fill(order, order.quantity(), filledBefore, null, gang, false, events, fills);
        if (remaining == 0) {
            return events;
        }
        if (order.immediateOrCancel()) {
            events.add(new EngineEvent.Cancelled(
                    order.id(), order.tenant(), "immediate-or-cancel: " + unfilled(order, remaining)));
            return events;
        }
        RestingOrder r = new RestingOrder(
                order.withQuantity(remaining),
                seq,
                gang,
                fills + events.size(),
                filledBefore + order.quantity() - remaining);
        resting.put(order.id(), r);
        indexResting(r);
        events.add(new EngineEvent.Resting(
                order.id(),
                order.tenant(),
                events.isEmpty()
                        ? NOTHING_FILLABLE_YET
                        : "partly filled; " + unfilled(order, remaining) + ", resting for more"));
        return events;
    }

    private static String unfilled(OrderSpec order, long remaining) {
        return remaining + (order.throughput() ? " GFLOPS" : " devices") + " not fillable now";
    }

    /**
     * New or cheaper capacity meets the resting orders, best limit first, then oldest. Before it came no
     * resting order could fill, so only those it can serve are tried; each may combine it with capacity
     * already listed (a gang's site, a minimum fill across listings). The new offering trades at the
     * order's limit (the order was resting); capacity already listed trades at its own ask.
     */
    private List<EngineEvent> matchResting(BookedOffering booked) {
        List<RestingOrder> byPriority = restingByPriority(booked);
        if (byPriority.isEmpty()) {
            return List.of();
        }
        List<EngineEvent> events = new ArrayList<>();
        for (RestingOrder r : List.copyOf(byPriority)) {
            match.clear();
            match.excluded.clear();
            consider(r.spec, r.gang, booked, match);
            if (match.offering == null) {
                continue;
            }
            int before = events.size();
            long remaining = fill(r.spec, r.spec.quantity(), r.filled, booked, r.gang, false, events, r.fills);
            if (events.size() == before) {
                continue;
            }
            r.fills += events.size() - before;
            r.filled += r.spec.quantity() - remaining;
            if (remaining == 0) {
                resting.remove(r.spec.id());
                unindexResting(r);
            } else {
                r.spec = r.spec.withQuantity(remaining);
            }
        }
        return events;
    }

    /**
     * Fills as much of {@code remaining} as the order's policy allows, in match steps, and returns what is
     * left. Each step is atomic: it takes the cheapest capacity first (in the order's price unit), then the
     * earliest start, then the oldest offering, across as many listings as it needs, all at one start (a
     * gang: also one site and model), and keeps what it took only if that reaches the step's minimum: the
     * whole order for all-or-none (or {@code wholeOrNothing}), else what is still missing of the order's
     * minimum fill, which counts everything filled before. A place too small for the step is skipped and
     * the next best tried. Steps repeat while they take something. The order's earlier fills number its new
     * ones: with the order, the offering and the start hour they make each fill's id.
     */
    private long fill(
            OrderSpec order,
            long remaining,
            long filledBefore,
            BookedOffering incoming,
            Place gang,
            boolean wholeOrNothing,
            List<EngineEvent> events,
            int earlierFills) {
        int first = events.size();
        long filled = filledBefore;
        while (remaining > 0) {
            long need = wholeOrNothing || !order.partial()
                    ? remaining
                    : Math.max(1, Math.min(remaining, order.minFill() - filled));
            long left = step(order, remaining, need, incoming, gang, events, earlierFills + events.size() - first);
            if (left == remaining) {
                break;
            }
            filled += remaining - left;
            remaining = left;
            if (!order.partial()) {
                break;
            }
        }
        return remaining;
    }

    /** One atomic step of at least {@code need} units, or nothing; returns what is left. */
    private long step(
            OrderSpec order,
            long remaining,
            long need,
            BookedOffering incoming,
            Place gang,
            List<EngineEvent> events,
            int earlierFills) {
        int first = events.size();
        match.excluded.clear();
        while (true) {
            Place place = gang != null ? gang.copy() : new Place(false);
            long left = take(order, remaining, incoming, place, events, earlierFills, first);
            if (remaining - left >= need) {
                if (gang != null) {
                    gang.set(place.site, place.model, place.start);
                }
                return left;
            }
            boolean tookSome = events.size() > first;
            undo(events, first);
            if (!tookSome || gang != null && gang.isSet()) {
                return remaining;
            }
            match.excluded.add(place.key());
        }
    }

    /** Takes capacity greedily, best first, at the step's place, until nothing is left to fill or nothing fits. */
    private long take(
            OrderSpec order,
            long remaining,
            BookedOffering incoming,
            Place place,
            List<EngineEvent> events,
            int earlierFills,
            int first) {
        while (remaining > 0) {
            match.clear();
            findBest(order, place, match);
            BookedOffering b = match.offering;
            if (b == null) {
                return remaining;
            }
            long start = match.start;
            int devices =
                    (int) Math.min(b.freeThroughout(start, order.durationHours()), order.devicesFor(b.spec, remaining));
            long tradePrice = b == incoming ? limitPerDeviceHour(order, b.spec) : b.spec.pricePerDeviceHour();
            b.lease(start, order.durationHours(), devices);
            events.add(fill(order, b.spec, start, devices, tradePrice, earlierFills + events.size() - first));
            if (!place.isSet()) {
                place.set(b.spec.siteId(), b.spec.model(), start);
            }
            remaining = Math.max(0, remaining - order.unitsOf(b.spec, devices));
        }
        return 0;
    }

    /** Gives back the slots of the fills from {@code first} on and forgets them. */
    private void undo(List<EngineEvent> events, int first) {
        for (int i = events.size() - 1; i >= first; i--) {
            EngineEvent.Fill f = (EngineEvent.Fill) events.remove(i);
            offerings.get(f.offeringId()).lease(f.startHour(), (int) (f.endHour() - f.startHour()), -f.devices());
        }
    }

    private static EngineEvent.Fill fill(OrderSpec order, OfferingSpec s, long start, int devices, long price, int n) {
        return new EngineEvent.Fill(
                FillIds.of(order.id(), s.id(), start, n),
                order.id(),
                order.tenant(),
                s.id(),
                s.tenant(),
                s.hub(),
                s.siteId(),
                s.model(),
                s.pueMilli(),
                s.tdpWatts(),
                s.peak(order.precision()),
                devices,
                start,
                start + order.durationHours(),
                price,
                s.currency(),
                order.throughput());
    }
}
