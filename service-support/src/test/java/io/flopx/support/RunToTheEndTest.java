package io.flopx.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A change to the books, once begun, ends on the request's own context whatever the caller does. */
class RunToTheEndTest {

    private static Vertx vertx;
    private static ExecutorService elsewhere;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        elsewhere = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        elsewhere.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aCallerWhoGoesAwayDoesNotCancelTheWork() {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean committed = new AtomicBoolean();
        Uni<String> work = Uni.createFrom()
                .completionStage(commit)
                .invoke(() -> committed.set(true))
                .replaceWith("stored")
                .onCancellation()
                .invoke(() -> cancelled.set(true));

        Cancellable caller = RunToTheEnd.detached(() -> work).subscribe().with(x -> {}, e -> {});
        caller.cancel(); // the gateway's timeout, a client that disconnected
        commit.complete(null);

        await().atMost(Duration.ofSeconds(5)).untilTrue(committed);
        assertFalse(cancelled.get(), "the caller's cancellation reached the work half-way");
    }

    @Test
    void workStartedOutsideTheRequestsContextStartsOnIt() throws Exception {
        Context request = vertx.getOrCreateContext();
        AtomicReference<Context> ranOn = new AtomicReference<>();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        // Subscribed from another thread, as after a remote call: the work still starts on the request's context.
        request.runOnContext(ignored -> {
            Uni<String> detached = RunToTheEnd.detached(() -> Uni.createFrom().item(() -> {
                ranOn.set(Vertx.currentContext());
                return "stored";
            }));
            elsewhere.submit(() -> detached.subscribe().with(outcome::complete, outcome::completeExceptionally));
        });
        assertEquals("stored", outcome.get());
        assertSame(request, ranOn.get());
    }

    @Test
    void whatARemoteCallCompletedElsewhereContinuesOnTheRequestsContext() throws Exception {
        Context request = vertx.getOrCreateContext();
        AtomicReference<Context> continuedOn = new AtomicReference<>();
        AtomicReference<String> completedOnThread = new AtomicReference<>();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        request.runOnContext(ignored -> {
            // The remote answer arrives on a thread of its own (another client's event loop, say).
            Uni<String> remote = Uni.createFrom()
                    .item(() -> {
                        completedOnThread.set(Thread.currentThread().getName());
                        return "models";
                    })
                    .runSubscriptionOn(elsewhere);
            RunToTheEnd.backOn(request, remote)
                    .invoke(() -> continuedOn.set(Vertx.currentContext()))
                    .subscribe()
                    .with(outcome::complete, outcome::completeExceptionally);
        });
        assertEquals("models", outcome.get());
        assertTrue(
                completedOnThread.get().startsWith("pool-"),
                "the remote call should complete elsewhere: " + completedOnThread.get());
        assertSame(request, continuedOn.get());
    }
}
