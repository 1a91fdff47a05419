package io.flopx.matching.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.Limits;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.OfferingEvent;
import io.flopx.matching.wire.OrderEvent;
import io.flopx.support.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The hub markets this instance owns: those whose commands arrive on the partitions of
 * {@code market-commands} assigned to it. Commands are applied one at a time in the log's order; the
 * monitor guards the markets from the REST reads and the timers.
 */
@ApplicationScoped
public class MarketService {

    private static final Logger LOG = Logger.getLogger(MarketService.class);

    private final Map<String, HubMarket> markets = new TreeMap<>();
    private final Map<String, Integer> partitionOfHub = new HashMap<>();
    private final ObjectMapper json;

    public MarketService(ObjectMapper json) {
        this.json = json;
    }

    /** Applies one entry of the command log (see MarketCommand) read from {@code partition}. */
    public Outcome apply(String commandJson, int partition) {
        return apply(commandJson, partition, -1);
    }

    /**
     * Applies one entry of the command log read from {@code partition}, logged at {@code loggedAtMillis} (its
     * record's timestamp; negative if it has none). A command that carries no second of its own (order-service
     * appends an order naming one hub straight to the log) entered the log at its record's timestamp: a replay
     * reads the same record, so it decides the same.
     */
    public synchronized Outcome apply(String commandJson, int partition, long loggedAtMillis) {
        try {
            MarketCommand command = json.readValue(commandJson, MarketCommand.class);
            if (command.atSecond() == null && loggedAtMillis >= 0) {
                command = command.at(loggedAtMillis / 1000);
            }
            if (command.hub() == null) {
                LOG.warnf("market command without a hub skipped: %s", command.kind());
                return Outcome.NOTHING;
            }
            partitionOfHub.put(command.hub(), partition);
            return markets.computeIfAbsent(command.hub(), HubMarket::new).apply(command, json);
        } catch (JsonProcessingException e) {
            // A command nobody can read is skipped, not retried forever: the log must keep moving.
            LOG.errorf("unreadable market command skipped: %s", e.getOriginalMessage());
            return Outcome.NOTHING;
        }
    }

    /** Drops the markets of a partition: before it is rebuilt by a replay, or after it moved to another instance. */
    public synchronized void forget(int partition) {
        partitionOfHub.entrySet().removeIf(e -> {
            if (e.getValue() == partition) {
                markets.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /**
     * The markets of a partition as values, after the commands before {@code nextOffset}: a copy, so it can
     * be written out while the markets go on.
     */
    public synchronized MarketSnapshot snapshot(String topic, int partition, long nextOffset) {
        List<MarketSnapshot.Hub> hubs = new ArrayList<>();
        markets.forEach((hub, market) -> {
            if (partitionOfHub.get(hub) == partition) {
                hubs.add(market.snapshot());
            }
        });
        return new MarketSnapshot(topic, partition, nextOffset, System.currentTimeMillis(), hubs);
    }

    /** Replaces the markets of the snapshot's partition with those it holds. */
    public synchronized void restore(MarketSnapshot snapshot) {
        forget(snapshot.partition());
        for (MarketSnapshot.Hub hub : snapshot.hubs()) {
            markets.put(hub.hub(), HubMarket.restore(hub));
            partitionOfHub.put(hub.hub(), snapshot.partition());
        }
    }

    /** How many entries the markets here remember beyond their books (ids seen, versions, hops): bounded by log time. */
    public synchronized int remembered() {
        return markets.values().stream().mapToInt(HubMarket::remembered).sum();
    }

    /** Hubs of this instance where some resting order's good-till time has passed. */
    public synchronized List<String> hubsWithExpiredOrders(long nowSecond) {
        return markets.values().stream()
                .filter(m -> m.engine.hasExpired(nowSecond))
                .map(m -> m.hub)
                .toList();
    }

    /** One digest of every market here: equal for two instances (or replays) that applied the same commands. */
    public synchronized String stateHash() {
        StringBuilder all = new StringBuilder();
        markets.forEach((hub, market) ->
                all.append(hub).append('=').append(market.stateHash()).append('\n'));
        return Sha256.hex(all.toString());
    }

    public synchronized List<BookSummary> summaries(Instant now) {
        List<BookSummary> out = new ArrayList<>();
        markets.values().forEach(m -> out.addAll(m.summaries(now)));
        return out;
    }

    /** Whether this instance has {@code hub}'s market (its partition is assigned here and has had a command). */
    public synchronized boolean owns(String hub) {
        return markets.containsKey(hub);
    }

    public synchronized List<String> hubs() {
        return List.copyOf(markets.keySet());
    }

    /** The fills the order would get now in one hub's market; nothing changes. Empty if the hub is not here. */
    public synchronized List<EngineEvent.Fill> quote(String hub, OrderSpec order) {
        return quote(hub, order, 0, false);
    }

    /** The same for what is left of an order that got {@code filledBefore} elsewhere, placed or passing through. */
    public synchronized List<EngineEvent.Fill> quote(
            String hub, OrderSpec order, long filledBefore, boolean passingThrough) {
        HubMarket market = markets.get(hub);
        return market == null ? List.of() : market.engine.quote(order, filledBefore, passingThrough);
    }

    /**
     * The best price this order can get now in one hub's market, in its unit (per device-hour, or per
     * PFLOP-hour at its precision): the price of the first fill its quote would make there, for its window,
     * models, precision and constraints. Empty if the hub's market is not on this instance; MAX_VALUE if
     * nothing there fills it. For routing: a hub's best ask may lie outside the order's window.
     */
    public synchronized OptionalLong feasiblePrice(String hub, OrderEvent order) {
        HubMarket market = markets.get(hub);
        if (market == null || order.kind() == null || order.currency() == null || order.earliestStart() == null) {
            return OptionalLong.empty();
        }
        OrderSpec spec = OrderSpecs.of(order, null);
        if (Limits.orderOutOfBounds(spec) != null) {
            return OptionalLong.empty(); // the market will reject it; any route will do
        }
        List<EngineEvent.Fill> fills = market.engine.quote(spec);
        if (fills.isEmpty()) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
        EngineEvent.Fill first = fills.get(0);
        return OptionalLong.of(
                spec.throughput()
                        ? (first.pricePerDeviceHour() * 1_000_000 + first.gflopsPerDevice() / 2)
                                / first.gflopsPerDevice()
                        : first.pricePerDeviceHour());
    }

    /**
     * For a new or amended offering: moves that let resting orders in this instance's other hubs, which allow
     * the offering's hub, meet it (see MarketCommand.MOVE). Only a hint: each market checks again when the
     * move reaches it in its own log.
     */
    public synchronized List<MarketCommand> movesFor(OfferingEvent offering) {
        if (!OfferingEvent.LISTED.equals(offering.type()) && !OfferingEvent.AMENDED.equals(offering.type())) {
            return List.of();
        }
        OfferingSpec spec = HubMarket.specOf(offering);
        if (Limits.offeringOutOfBounds(spec) != null) {
            return List.of();
        }
        List<MarketCommand> moves = new ArrayList<>();
        markets.values()
                .forEach(m -> moves.addAll(m.movesFor(
                        spec,
                        offering.eventId() == null
                                ? UUID.nameUUIDFromBytes((offering.offeringId() + ":" + offering.version())
                                        .getBytes(StandardCharsets.UTF_8))
                                : offering.eventId())));
        return moves;
    }

    /** Every offering listed in the markets here, for explaining a quote. */
    public synchronized List<OfferingSpec> offerings() {
        List<OfferingSpec> all = new ArrayList<>();
        markets.values().forEach(m -> all.addAll(m.engine.offerings()));
        return all;
    }
}
