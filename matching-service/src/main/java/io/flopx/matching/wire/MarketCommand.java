package io.flopx.matching.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One entry of {@code market-commands}, the matchers' own log, keyed by hub: an offering event, an order
 * event (their JSON exactly as received) or a tick of the clock, for the market of {@code hub}. Each
 * hub's market consumes only its entries, in the log's order, so replaying the log rebuilds the same
 * books and yields the same events.
 *
 * <p>An order that may trade in several hubs carries its {@code route} (hubs, best priced first) and
 * the {@code hop} it is at; a forwarded order also carries what is {@code remaining} of it and how many
 * {@code fills} it had so far. Every hop but the last only sweeps its market; the last may rest.
 *
 * <p>A {@code MOVE} asks the market of {@code hub} to send one of its resting orders (payload: the order
 * id) to try new capacity in another allowed hub ({@code route}: there, then back); the order's journey is
 * then a {@code leg} of its own, named by the move, so its hops are told apart from its first route's.
 *
 * <p>A command made from an input record names it ({@code input}: topic and partition, {@code inputOffset}):
 * a market applies each input record at most once, however often the sequencer appends it.
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketCommand(
        String kind,
        String payload,
        Long atSecond,
        String hub,
        List<String> route,
        Integer hop,
        Long remaining,
        Integer fills,
        String leg,
        String input,
        Long inputOffset) {

    public static final String OFFERING = "OFFERING";
    public static final String ORDER = "ORDER";
    public static final String CLOCK = "CLOCK";
    public static final String MOVE = "MOVE";

    public static MarketCommand offering(String hub, String payload) {
        return new MarketCommand(OFFERING, payload, null, hub, null, null, null, null, null, null, null);
    }

    /** An order event for one hub's market: a placement at the start of its route, or an amendment or cancel. */
    public static MarketCommand order(String payload, List<String> route) {
        return new MarketCommand(ORDER, payload, null, route.get(0), route, 0, null, 0, null, null, null);
    }

    public static MarketCommand clock(String hub, long atSecond) {
        return new MarketCommand(CLOCK, null, atSecond, hub, null, null, null, null, null, null, null);
    }

    /**
     * Asks {@code restingHub} to send order {@code orderId}, resting there, to {@code toHub} where new
     * capacity it could use was just listed, and back; {@code leg} names the journey (derived from the
     * listing and the order, so a repeated request is recognised).
     */
    public static MarketCommand move(String restingHub, String orderId, String toHub, String leg) {
        return new MarketCommand(
                MOVE,
                orderId,
                null,
                restingHub,
                List.of(restingHub, toHub, restingHub),
                0,
                null,
                null,
                leg,
                null,
                null);
    }

    public int hopOrZero() {
        return hop == null ? 0 : hop;
    }

    public boolean lastHop() {
        return route == null || hopOrZero() >= route.size() - 1;
    }

    /** Whether the order's route brings it to {@code hub} no more after this hop. */
    public boolean lastVisitTo(String hub) {
        return route == null || route.lastIndexOf(hub) <= hopOrZero();
    }

    /**
     * The order, forwarded to the next hub of its route with what is left of it: {@code orderPayload} is the
     * order event it travels with (the newest terms this hop knew), {@code remainingQuantity} counted against it.
     */
    public MarketCommand forward(String orderPayload, long remainingQuantity, int fillsSoFar) {
        int next = hopOrZero() + 1;
        return new MarketCommand(
                ORDER,
                orderPayload,
                null,
                route.get(next),
                route,
                next,
                remainingQuantity,
                fillsSoFar,
                leg,
                null,
                null);
    }

    /** The same command, made from record {@code offset} of input partition {@code input} (e.g. "order-events-3"). */
    public MarketCommand from(String input, long offset) {
        return new MarketCommand(kind, payload, atSecond, hub, route, hop, remaining, fills, leg, input, offset);
    }

    /** The same command, stamped with the second it enters the log. */
    public MarketCommand at(long second) {
        return new MarketCommand(kind, payload, second, hub, route, hop, remaining, fills, leg, input, inputOffset);
    }
}
