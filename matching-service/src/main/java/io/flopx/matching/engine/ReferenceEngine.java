package io.flopx.matching.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference implementation: every decision looks at the whole book. Slow on a large book, but each
 * rule is in one obvious place; the indexed engine must decide exactly as this one does.
 */
final class ReferenceEngine extends EngineCore {

    @Override
    void indexOffering(BookedOffering b) {}

    @Override
    void unindexOffering(BookedOffering b) {}

    @Override
    void indexResting(RestingOrder r) {}

    @Override
    void unindexResting(RestingOrder r) {}

    @Override
    boolean findBest(OrderSpec order, Place place, Match match) {
        for (BookedOffering b : offerings.values()) {
            consider(order, place, b, match);
        }
        return match.offering != null;
    }

    @Override
    List<RestingOrder> restingByPriority(BookedOffering b) {
        List<RestingOrder> byPriority = new ArrayList<>(resting.values());
        byPriority.sort(Comparator.comparingLong((RestingOrder r) -> -limitPerDeviceHour(r.spec, b.spec))
                .thenComparingLong(r -> r.sequence));
        return byPriority;
    }

    @Override
    List<RestingOrder> dueToExpire(long nowSecond) {
        return resting.values().stream()
                .filter(r -> r.spec.goodTillSecond() <= nowSecond)
                .toList();
    }

    @Override
    public boolean hasExpired(long nowSecond) {
        return resting.values().stream().anyMatch(r -> r.spec.goodTillSecond() <= nowSecond);
    }
}
