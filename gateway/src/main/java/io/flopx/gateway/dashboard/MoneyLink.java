package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One open dashboard's view of the exchange's money: settlement-service's ledger totals, asked for with the
 * operator's own token every two seconds while the dashboard is open (money moves at the pace of top-ups and
 * settlements, not of every frame). While settlement-service does not answer, the last totals are dropped
 * rather than shown stale.
 */
final class MoneyLink {

    static final Duration EVERY = Duration.ofSeconds(2);
    /** The first ask, right after the page opens (Mutiny's ticks need a delay above zero). */
    static final Duration FIRST = Duration.ofMillis(1);

    private final SettlementOps ops;
    private final String authorization;
    private volatile List<Map<String, Object>> latest = List.of();
    private Cancellable polling;

    MoneyLink(SettlementOps ops, String authorization) {
        this.ops = ops;
        this.authorization = authorization;
    }

    List<Map<String, Object>> latest() {
        return latest;
    }

    synchronized void open() {
        polling = Multi.createFrom()
                .ticks()
                .startingAfter(FIRST)
                .every(EVERY)
                .onOverflow()
                .drop()
                .onItem()
                .transformToUniAndConcatenate(
                        tick -> ops.totals(authorization).onFailure().recoverWithItem(List.of()))
                .subscribe()
                .with(totals -> latest = totals, failure -> latest = List.of());
    }

    synchronized void close() {
        if (polling != null) {
            polling.cancel();
        }
    }
}
