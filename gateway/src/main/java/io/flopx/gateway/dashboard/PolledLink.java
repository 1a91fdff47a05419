package io.flopx.gateway.dashboard;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One open dashboard's view of something a service answers when asked (the ledger's totals, reliability scores,
 * open disputes), asked for with the operator's own token at once and then every few seconds while the
 * dashboard is open: these move at the pace of top-ups, settlements and agents' reports, not of every frame.
 * While the service does not answer, the last answer is dropped ({@code none}, which may be null) rather than
 * shown stale.
 */
final class PolledLink<T> {

    /** The first ask, right after the page opens (Mutiny's ticks need a delay above zero). */
    static final Duration FIRST = Duration.ofMillis(1);

    private final Supplier<Uni<T>> ask;
    private final T none;
    private final Duration every;
    private volatile T latest;
    private Cancellable polling;

    PolledLink(Supplier<Uni<T>> ask, T none, Duration every) {
        this.ask = ask;
        this.none = none;
        this.every = every;
        this.latest = none;
    }

    T latest() {
        return latest;
    }

    synchronized void open() {
        polling = Multi.createFrom()
                .ticks()
                .startingAfter(FIRST)
                .every(every)
                .onOverflow()
                .drop()
                .onItem()
                .transformToUniAndConcatenate(tick -> ask.get().onFailure().recoverWithItem(none))
                .subscribe()
                .with(answer -> latest = answer, failure -> latest = none);
    }

    synchronized void close() {
        if (polling != null) {
            polling.cancel();
        }
    }
}
