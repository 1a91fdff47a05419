package io.flopx.matching.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.MarketEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Snapshots: a market restored from one is the market it was taken of (same state hash, same decisions
 * afterwards), and what markets remember to stay exactly-once is bounded by log time, not by the log.
 */
class MarketSnapshotTest {

    /** Strict, like the service's own mapper: a snapshot field nobody reads back is an error. */
    final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static final List<String> HUBS = List.of("gansu", "guizhou", "ningxia");
    static final String DAY = "2026-12-01";

    /** A market fed from a log that grows as it forwards orders between hubs (as the real log does). */
    final class Feed {
        final MarketService market = new MarketService(json);
        final List<String> events = new ArrayList<>();

        void apply(MarketCommand command) throws Exception {
            Deque<MarketCommand> pending = new ArrayDeque<>(List.of(command));
            while (!pending.isEmpty()) {
                MarketCommand next = pending.poll();
                MarketCommand stamped = next.atSecond() != null ? next : next.at(command.atSecond());
                Outcome o = market.apply(json.writeValueAsString(stamped), 0);
                o.events().forEach(e -> events.add(describe(e)));
                pending.addAll(o.forwards());
            }
        }
    }

    /** An event without its wall-clock time: what must be equal between a market and its restored copy. */
    static String describe(MarketEvent e) {
        return e.eventId() + " " + e.type() + " " + e.orderId() + " " + e.offeringId() + " " + e.devices() + " "
                + e.start() + " " + e.pricePerDeviceHour() + " " + e.reason();
    }

    /** A random mix over three hubs: listings, amendments, withdrawals, orders for one hub or several, gangs, amendments, cancels, ticks. */
    List<MarketCommand> randomLog(long seed, int count, long startSecond, long secondsApart) {
        Random random = new Random(seed);
        List<MarketCommand> log = new ArrayList<>();
        List<UUID> offerings = new ArrayList<>();
        List<UUID> orders = new ArrayList<>();
        long input = 0;
        for (int i = 0; i < count; i++) {
            long at = startSecond + i * secondsApart;
            String hub = HUBS.get(random.nextInt(HUBS.size()));
            int pick = random.nextInt(10);
            MarketCommand c;
            if (pick < 3 || offerings.isEmpty()) {
                UUID id = UUID.randomUUID();
                offerings.add(id);
                c = MarketCommand.offering(
                        hub,
                        offering("OFFERING_LISTED", id, 0, hub, 2 + random.nextInt(8), 800 + 50 * random.nextInt(10)));
            } else if (pick == 3) {
                UUID id = offerings.get(random.nextInt(offerings.size()));
                c = MarketCommand.offering(
                        hub,
                        offering(
                                random.nextBoolean() ? "OFFERING_WITHDRAWN" : "OFFERING_AMENDED",
                                id,
                                1 + random.nextInt(5),
                                hub,
                                4 + random.nextInt(8),
                                700 + 50 * random.nextInt(10)));
            } else if (pick <= 7 || orders.isEmpty()) {
                UUID id = UUID.randomUUID();
                orders.add(id);
                List<String> allowed = random.nextBoolean() ? List.of(hub) : HUBS;
                List<String> route = allowed.size() == 1 ? allowed : List.of(hub, other(hub), hub);
                c = MarketCommand.order(
                        order(
                                "ORDER_PLACED",
                                id,
                                0,
                                1 + random.nextInt(10),
                                700 + 100 * random.nextInt(8),
                                allowed,
                                random.nextInt(4) == 0,
                                random.nextInt(5) == 0 ? "IMMEDIATE_OR_CANCEL" : "GOOD_TILL"),
                        route);
            } else if (pick == 8) {
                UUID id = orders.get(random.nextInt(orders.size()));
                c = MarketCommand.order(
                        order(
                                "ORDER_AMENDED",
                                id,
                                1 + random.nextInt(3),
                                1 + random.nextInt(10),
                                800 + 100 * random.nextInt(8),
                                HUBS,
                                false,
                                "GOOD_TILL"),
                        List.of(hub));
            } else {
                UUID id = orders.get(random.nextInt(orders.size()));
                c = MarketCommand.order(
                        order("ORDER_CANCEL_REQUESTED", id, 9, 1, 1000, HUBS, false, "GOOD_TILL"), List.of(hub));
            }
            log.add(c.from("inputs-0", input++).at(at));
        }
        return log;
    }

    static String other(String hub) {
        return HUBS.get((HUBS.indexOf(hub) + 1) % HUBS.size());
    }

    String offering(String type, UUID id, long version, String hub, int devices, long price) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"%sT00:00:00Z","offeringId":"%s","version":%d,"tenant":"prov",
                 "model":"A800-SXM4-80GB","hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"INFINIBAND",
                 "tdpWatts":400,"peakGflops":{"FP16":312000,"BF16":312000},"devices":%d,"availableFrom":"%sT00:00:00Z",
                 "availableUntil":"%sT23:00:00Z","pricePerDeviceHour":%d,"currency":"CNY"}""".formatted(
                        UUID.randomUUID(),
                        type,
                        DAY,
                        id,
                        version,
                        hub,
                        UUID.nameUUIDFromBytes(hub.getBytes()),
                        devices,
                        DAY,
                        DAY,
                        price);
    }

    String order(
            String type,
            UUID id,
            long version,
            int devices,
            long limit,
            List<String> hubs,
            boolean gang,
            String timeInForce) {
        try {
            return """
                    {"eventId":"%s","type":"%s","occurredAt":"%sT00:00:00Z","orderId":"%s","version":%d,"tenant":"acme-ai",
                     "kind":"DEVICES","models":["A800-SXM4-80GB","H800-SXM5-80GB"],"devices":%d,"durationHours":2,
                     "earliestStart":"%sT08:00:00Z","latestStart":"%sT12:00:00Z","limitPrice":%d,"currency":"CNY",
                     "allowedHubs":%s,"sameSite":%s,"fillPolicy":"PARTIAL","minFill":1,"timeInForce":"%s",
                     "goodTill":"%sT20:00:00Z"}""".formatted(
                            UUID.randomUUID(),
                            type,
                            DAY,
                            id,
                            version,
                            devices,
                            DAY,
                            DAY,
                            limit,
                            json.writeValueAsString(hubs),
                            gang,
                            timeInForce,
                            DAY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMarketRestoredFromItsSnapshotHasTheSameStateAndDecidesTheSameAfterwards() throws Exception {
        List<MarketCommand> log = randomLog(42, 1_200, 1_800_000_000L, 2);
        Feed live = new Feed();
        for (MarketCommand c : log.subList(0, 600)) {
            live.apply(c);
        }
        assertTrue(
                live.events.stream().filter(e -> e.contains(" FILL ")).count() > 20,
                "the log trades: " + live.events.size());

        String written = json.writeValueAsString(live.market.snapshot("market-commands", 0, 600));
        Feed restored = new Feed();
        restored.market.restore(json.readValue(written, MarketSnapshot.class));
        assertEquals(live.market.stateHash(), restored.market.stateHash());

        live.events.clear();
        for (MarketCommand c : log.subList(600, log.size())) {
            live.apply(c);
            restored.apply(c);
        }
        assertTrue(live.events.size() > 100, "the rest of the log decides things: " + live.events.size());
        assertEquals(live.events, restored.events);
        assertEquals(live.market.stateHash(), restored.market.stateHash());
        assertNotEquals(new Feed().market.stateHash(), restored.market.stateHash());
    }

    /** The sequencer appends a record twice (a crash before committing its input): the market applies it once, however late. */
    @Test
    void anInputRecordAppendedAgainLongAfterIsAppliedOnce() throws Exception {
        Feed feed = new Feed();
        long t = 1_800_000_000L;
        feed.apply(MarketCommand.offering("gansu", offering("OFFERING_LISTED", UUID.randomUUID(), 0, "gansu", 16, 900))
                .from("offering-events-2", 7)
                .at(t));
        MarketCommand placed = MarketCommand.order(
                        order(
                                "ORDER_PLACED",
                                UUID.randomUUID(),
                                0,
                                4,
                                1000,
                                List.of("gansu"),
                                false,
                                "IMMEDIATE_OR_CANCEL"),
                        List.of("gansu"))
                .from("order-events-5", 40);
        feed.apply(placed.at(t + 1));
        assertEquals(1, feed.events.stream().filter(e -> e.contains(" FILL ")).count());
        // Days later, long after every memory window: the same input record comes again.
        feed.apply(placed.at(t + 5 * 24 * 3600));
        assertEquals(1, feed.events.stream().filter(e -> e.contains(" FILL ")).count(), feed.events.toString());
    }

    /**
     * What markets remember to act once (orders and offerings seen, versions, hops, overtaking cancels and
     * amendments) is bounded by a window of log time: a day of trading remembers no more than its last hours.
     */
    @Test
    void whatMarketsRememberStaysFlatOverALongRun() throws Exception {
        long hour = 3600;
        int perHour = 1_200;
        List<MarketCommand> log = randomLog(7, 24 * perHour, 1_800_000_000L, hour / perHour);
        Feed feed = new Feed();
        List<Integer> rememberedByHour = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            feed.apply(log.get(i));
            if ((i + 1) % perHour == 0) {
                rememberedByHour.add(feed.market.remembered());
            }
        }
        int afterTwoHours = rememberedByHour.get(1);
        int atTheEnd = rememberedByHour.get(rememberedByHour.size() - 1);
        assertTrue(afterTwoHours > 500, "remembers the recent past: " + rememberedByHour);
        assertTrue(atTheEnd <= afterTwoHours * 1.2, "flat after the window fills: " + rememberedByHour);
    }
}
