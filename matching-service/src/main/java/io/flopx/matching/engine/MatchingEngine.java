package io.flopx.matching.engine;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One market's order book and its rules: price-time priority over hour-slot capacity, trades at the
 * resting side's price, deterministic. Devices orders (any of several models) and throughput orders (GFLOPS
 * at a precision from any mix of models, compared by price per PFLOP-hour); constraints on hub, PUE, green
 * rating and interconnect; all-or-none or partial with a minimum total, each match step atomic across
 * listings; gangs (every device at one site, of one model, from one start); immediate-or-cancel or
 * good-till with expiry; cancel; amend as cancel-replace.
 * Plain Java, single-threaded: the same commands in the same order give the same events.
 *
 * <p>Two implementations share the bookkeeping and differ only in how they find the best match:
 * {@link #reference()} scans everything and is obviously right; {@link #indexed()} walks price-ordered
 * books by hub, model and precision. The tests run both through the same scenarios and random command
 * sequences and require equal events and equal state hashes.
 */
public interface MatchingEngine {

    /** The simple implementation: every decision scans the whole book. */
    static MatchingEngine reference() {
        return new ReferenceEngine();
    }

    /** The fast implementation: price-ordered books per hub and model (devices) and hub and precision (throughput). */
    static MatchingEngine indexed() {
        return new IndexedEngine();
    }

    /** The fast implementation, holding the state another engine had (see {@link #state()}). */
    static MatchingEngine indexed(EngineState state) {
        return new IndexedEngine().restore(state);
    }

    /** The simple implementation, holding the state another engine had. */
    static MatchingEngine reference(EngineState state) {
        return new ReferenceEngine().restore(state);
    }

    /** A new offering enters the book. */
    default List<EngineEvent> addOffering(OfferingSpec spec) {
        return putOffering(spec, 0);
    }

    /**
     * An offering enters the book or replaces its older version (price, devices, end of window). Leases
     * already made stand: the device count never drops below what any slot has leased. Then resting orders
     * are matched against it, best limit first, then oldest. Stale or repeated versions change nothing.
     */
    List<EngineEvent> putOffering(OfferingSpec spec, long version);

    /** No more fills from this offering; its leases stand. */
    void withdrawOffering(UUID id, long version);

    /** An incoming order takes the cheapest feasible capacity, then the earliest start, then the oldest offering. */
    default List<EngineEvent> placeOrder(OrderSpec order) {
        return placeOrder(order, 0, 0);
    }

    /**
     * The same for what is left of an order that already had {@code earlierFills} fills of
     * {@code filledBefore} units in other markets: they number its fills here, so that no two fills of one
     * order share an id, and count toward its minimum fill and against a later amendment.
     */
    List<EngineEvent> placeOrder(OrderSpec order, int earlierFills, long filledBefore);

    /**
     * An order passing through on its way to other markets: it takes what it can now, as placing it would,
     * but never rests, is not cancelled and is not remembered as placed (it may come back to rest). A gang
     * (same-site) order takes something only if one place (site, model, start) can fill it completely.
     * Returns the fills.
     */
    List<EngineEvent.Fill> sweep(OrderSpec order, int earlierFills, long filledBefore);

    /**
     * The fills an order would get now, without trading: nothing in the book changes. Fill ids in a quote
     * are not those a real order would get.
     */
    default List<EngineEvent.Fill> quote(OrderSpec order) {
        return quote(order, 0, false);
    }

    /**
     * The fills what is left of an order would get here now, having had {@code filledBefore} units in other
     * markets, as a placement or, {@code passingThrough}, as a sweep would take them.
     */
    List<EngineEvent.Fill> quote(OrderSpec order, long filledBefore, boolean passingThrough);

    /** Cancels whatever of the order is still resting. */
    List<EngineEvent> cancelOrder(UUID orderId, String reason);

    /**
     * Cancel-replace: a resting order takes its new limit and its new <em>total</em> quantity and arrives
     * again, behind every order already resting at its price. What it had filled counts against the new
     * quantity (an amendment to exactly the filled quantity completes it: it leaves the book, nothing rests).
     * An order no longer resting here (filled, cancelled, elsewhere) is left alone.
     */
    List<EngineEvent> amendOrder(OrderSpec amended);

    /** Expires resting orders whose good-till time is at or before {@code nowSecond}, oldest first. */
    List<EngineEvent> expire(long nowSecond);

    /** Whether some resting order's good-till time is at or before {@code nowSecond}. */
    boolean hasExpired(long nowSecond);

    int restingOrders();

    /** Whether the order rests in this book. */
    boolean rests(UUID orderId);

    /**
     * Resting orders among {@code candidates} that a new or amended offering of another market could serve
     * now, best limit first, then oldest, as many as its devices could serve: each passes its constraints and
     * limit, overlaps its window for its whole duration, and is not a gang already holding devices elsewhere.
     * Only a hint for moving them there: that market decides when they arrive.
     */
    List<UUID> ordersToMoveFor(OfferingSpec offering, Set<UUID> candidates);

    /** What is left of a resting order that leaves this book to try another market, or null if it does not rest here. */
    Moving takeResting(UUID orderId);

    /**
     * A resting order on its way to another market: what is left of it, and how many fills it had (what they
     * delivered is the order's total less what is left).
     */
    record Moving(OrderSpec remaining, int fills) {}

    /**
     * An order that rested here before and comes back (after trying another market): it arrives again as a
     * new arrival (behind every order already resting at its price), without the placement's once-only check.
     */
    List<EngineEvent> returnOrder(OrderSpec order, int earlierFills, long filledBefore);

    List<OfferingSpec> offerings();

    List<OrderSpec> restingOrderSpecs();

    /** Devices leased in one hour slot of an offering: for the invariant checks in tests. */
    int leasedAt(UUID offeringId, long hour);

    /**
     * The first hour slot of an offering, from {@code hour} on, with a device nobody leased, or -1 when every
     * slot left is taken (or the offering is unknown): market data's best ask is one a buyer can still take.
     */
    long firstFreeHour(UUID offeringId, long hour);

    /**
     * Stops remembering that an order was placed here (it still rests if it does): its redelivery is no
     * longer expected. Whoever feeds the engine bounds its memory this way, by a window of its own time.
     */
    void forgetOrder(UUID orderId);

    /** Stops remembering that an offering was withdrawn: a late copy of an older version is no longer expected. */
    void forgetWithdrawal(UUID offeringId);

    /** How many order and offering ids the engine remembers beyond its book. */
    int remembered();

    /** Everything the engine knows, as values: a snapshot from which {@link #indexed(EngineState)} rebuilds it. */
    EngineState state();

    /**
     * A digest of everything that decides future matches (offerings with their leases, resting orders with
     * their priority, the ids already seen): engines fed the same commands have the same hash, whichever
     * the implementation.
     */
    String stateHash();
}
