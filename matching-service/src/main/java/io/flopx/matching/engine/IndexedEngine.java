package io.flopx.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fast implementation. Offerings are filed in price-ordered books per hub and model (for devices
 * orders, price per device-hour) and per hub and precision (for throughput orders, price per PFLOP-hour at
 * that precision). An order walks the books it may use together, one price level at a time from the
 * cheapest, and stops at the first level where something fits or at its limit. Resting orders are filed
 * by model or precision, best limit first, so a new offering looks only at orders that can pay its ask;
 * good-till orders are also filed by expiry.
 */
final class IndexedEngine extends EngineCore {

    private static final Comparator<RestingOrder> BEST_LIMIT_FIRST =
            Comparator.comparingLong((RestingOrder r) -> -r.spec.limitPrice()).thenComparingLong(r -> r.sequence);
    private static final Comparator<RestingOrder> SOONEST_EXPIRY_FIRST = Comparator.comparingLong(
                    (RestingOrder r) -> r.spec.goodTillSecond())
            .thenComparingLong(r -> r.sequence);

    /** The key under which every hub's offerings are filed too, for orders that allow any hub. */
    private static final String ANY_HUB = "*";

    /** hub (and ANY_HUB) → model → offerings by price per device-hour. */
    private final Map<String, Map<String, OfferingBook>> byHubAndModel = new HashMap<>();
    /** hub (and ANY_HUB) → precision → offerings by price per PFLOP-hour at that precision. */
    private final Map<String, Map<String, OfferingBook>> byHubAndPrecision = new HashMap<>();

    private final Map<String, TreeSet<RestingOrder>> devicesOrdersByModel = new HashMap<>();
    private final TreeSet<RestingOrder> devicesOrdersForAnyModel = new TreeSet<>(BEST_LIMIT_FIRST);
    private final Map<String, TreeSet<RestingOrder>> throughputOrdersByPrecision = new HashMap<>();
    private final TreeSet<RestingOrder> byExpiry = new TreeSet<>(SOONEST_EXPIRY_FIRST);

    // Scratch space reused by every search: the hot path allocates no collections.
    private final List<OfferingBook> books = new ArrayList<>();
    private int[] cursors = new int[16];
    private final List<RestingOrder> candidates = new ArrayList<>();

    @Override
    void indexOffering(BookedOffering b) {
        OfferingSpec s = b.spec;
        for (String hub : new String[] {s.hub(), ANY_HUB}) {
            bookOf(byHubAndModel, hub, s.model()).add(s.pricePerDeviceHour(), b);
            for (Map.Entry<String, Long> peak : s.peakGflops().entrySet()) {
                if (peak.getValue() != null && peak.getValue() > 0) {
                    bookOf(byHubAndPrecision, hub, peak.getKey())
                            .add(OrderSpec.pricePerPflopHour(s, peak.getValue()), b);
                }
            }
        }
    }

    @Override
    void unindexOffering(BookedOffering b) {
        OfferingSpec s = b.spec;
        for (String hub : new String[] {s.hub(), ANY_HUB}) {
            bookOf(byHubAndModel, hub, s.model()).remove(s.pricePerDeviceHour(), b);
            for (Map.Entry<String, Long> peak : s.peakGflops().entrySet()) {
                if (peak.getValue() != null && peak.getValue() > 0) {
                    bookOf(byHubAndPrecision, hub, peak.getKey())
                            .remove(OrderSpec.pricePerPflopHour(s, peak.getValue()), b);
                }
            }
        }
    }

    @Override
    void indexResting(RestingOrder r) {
        for (TreeSet<RestingOrder> set : restingSetsOf(r.spec)) {
            set.add(r);
        }
        if (r.spec.goodTillSecond() != Long.MAX_VALUE) {
            byExpiry.add(r);
        }
    }

    @Override
    void unindexResting(RestingOrder r) {
        for (TreeSet<RestingOrder> set : restingSetsOf(r.spec)) {
            set.remove(r);
        }
        byExpiry.remove(r);
    }

    @Override
    boolean findBest(OrderSpec order, Place place, Match match) {
        books.clear();
        if (order.throughput() && order.precision() == null) {
            return false;
        }
        if (order.throughput()) {
            collect(byHubAndPrecision, order.allowedHubs(), Set.of(), order.precision());
        } else {
            collect(byHubAndModel, order.allowedHubs(), order.models(), null);
        }
        int n = books.size();
        if (cursors.length < n) {
            cursors = new int[n * 2];
        }
        Arrays.fill(cursors, 0, n, 0);
        while (true) {
            long level = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                OfferingBook book = books.get(i);
                if (cursors[i] < book.size()) {
                    level = Math.min(level, book.price(cursors[i]));
                }
            }
            // Past the limit nothing can fit: for throughput the level is rounded, but a rounded price above
            // the limit means an exact price above it too.
            if (level == Long.MAX_VALUE || level > order.limitPrice()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                OfferingBook book = books.get(i);
                while (cursors[i] < book.size() && book.price(cursors[i]) == level) {
                    consider(order, place, book.get(cursors[i]), match);
                    cursors[i]++;
                }
            }
            if (match.offering != null) {
                return true;
            }
        }
    }

    @Override
    List<RestingOrder> restingByPriority(BookedOffering b) {
        candidates.clear();
        OfferingSpec s = b.spec;
        long ask = s.pricePerDeviceHour();
        addPayingAtLeast(devicesOrdersByModel.get(s.model()), b, ask);
        addPayingAtLeast(devicesOrdersForAnyModel, b, ask);
        for (Map.Entry<String, Long> peak : s.peakGflops().entrySet()) {
            if (peak.getValue() != null && peak.getValue() > 0) {
                addPayingAtLeast(throughputOrdersByPrecision.get(peak.getKey()), b, ask);
            }
        }
        candidates.sort(Comparator.comparingLong((RestingOrder r) -> -limitPerDeviceHour(r.spec, s))
                .thenComparingLong(r -> r.sequence));
        return candidates;
    }

    @Override
    List<RestingOrder> dueToExpire(long nowSecond) {
        List<RestingOrder> due = new ArrayList<>();
        for (RestingOrder r : byExpiry) {
            if (r.spec.goodTillSecond() > nowSecond) {
                break;
            }
            due.add(r);
        }
        return due;
    }

    @Override
    public boolean hasExpired(long nowSecond) {
        return !byExpiry.isEmpty() && byExpiry.first().spec.goodTillSecond() <= nowSecond;
    }

    /** Resting orders best limit first: their limit in this offering's terms only falls along the set. */
    private void addPayingAtLeast(Collection<RestingOrder> bestFirst, BookedOffering b, long ask) {
        if (bestFirst == null) {
            return;
        }
        for (RestingOrder r : bestFirst) {
            if (limitPerDeviceHour(r.spec, b.spec) < ask) {
                return;
            }
            candidates.add(r);
        }
    }

    private List<TreeSet<RestingOrder>> restingSetsOf(OrderSpec o) {
        if (o.throughput()) {
            return List.of(
                    throughputOrdersByPrecision.computeIfAbsent(o.precision(), k -> new TreeSet<>(BEST_LIMIT_FIRST)));
        }
        if (o.models().isEmpty()) {
            return List.of(devicesOrdersForAnyModel);
        }
        List<TreeSet<RestingOrder>> sets = new ArrayList<>(o.models().size());
        for (String model : o.models()) {
            sets.add(devicesOrdersByModel.computeIfAbsent(model, k -> new TreeSet<>(BEST_LIMIT_FIRST)));
        }
        return sets;
    }

    /** The books of the allowed hubs (every hub's, when none is named) for the given keys (all when none is named). */
    private void collect(Map<String, Map<String, OfferingBook>> index, Set<String> hubs, Set<String> keys, String key) {
        if (hubs.isEmpty()) {
            Map<String, OfferingBook> anyHub = index.get(ANY_HUB);
            if (anyHub != null) {
                collectFromHub(anyHub, keys, key);
            }
        } else {
            for (String hubName : hubs) {
                Map<String, OfferingBook> hub = index.get(hubName);
                if (hub != null) {
                    collectFromHub(hub, keys, key);
                }
            }
        }
    }

    private void collectFromHub(Map<String, OfferingBook> hub, Set<String> keys, String key) {
        if (key != null) {
            OfferingBook book = hub.get(key);
            if (book != null) {
                books.add(book);
            }
        } else if (keys.isEmpty()) {
            books.addAll(hub.values());
        } else {
            for (String k : keys) {
                OfferingBook book = hub.get(k);
                if (book != null) {
                    books.add(book);
                }
            }
        }
    }

    private static OfferingBook bookOf(Map<String, Map<String, OfferingBook>> index, String hub, String key) {
        return index.computeIfAbsent(hub, h -> new HashMap<>()).computeIfAbsent(key, k -> new OfferingBook());
    }
}
