package io.flopx.support;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * A change to the books, once begun, runs to its end (commit or rollback) on the request's own Vert.x
 * context, whatever the caller does meanwhile.
 *
 * <p>Why: the load harness found outbox events committed for orders that were never stored, when callers
 * gave up (the gateway's 5 s timeout) during a cold burst. Two things are ruled out here: a caller's
 * disconnect cancelling the transaction's pipeline half-way, and the transaction continuing on whatever
 * context a remote call (the catalog's reference data) completed on — Hibernate Reactive keeps the session
 * on the context, so a transaction must start and end on the request's own.
 */
public final class RunToTheEnd {

    private RunToTheEnd() {}

    /**
     * Subscribes to {@code work} on the current context and relays its outcome; cancelling the returned Uni
     * (a caller that went away) does not cancel the work.
     */
    public static <T> Uni<T> detached(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> {
            Runnable start = () -> work.get().subscribe().with(emitter::complete, emitter::fail);
            if (context == null || Vertx.currentContext() == context) {
                start.run();
            } else {
                context.runOnContext(ignored -> start.run());
            }
        });
    }

    /** Continues on {@code context} (the request's), not on the context a remote call completed on. */
    public static <T> Uni<T> backOn(Context context, Uni<T> upstream) {
        if (context == null) {
            return upstream;
        }
        return upstream.emitOn(command -> {
            if (Vertx.currentContext() == context) {
                command.run();
            } else {
                context.runOnContext(ignored -> command.run());
            }
        });
    }
}
