package io.flopx.settlement.service;

import io.flopx.settlement.domain.JournalEntry;
import io.flopx.settlement.repository.Ledger;
import io.flopx.support.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;

/**
 * An operator's write that moves money, once per idempotency key of its requester (top-ups, vouchers): the
 * entry is always attempted and the key's unique index decides, so a retry, or a concurrent request with the
 * same key, finds the entry that stands and answers with it; the same key with another request (another
 * hash) is a 422 naming the header.
 */
@ApplicationScoped
class OncePerKey {

    /** The entry that stands for the key, and whether an earlier request made it. */
    record Recorded(UUID entryId, boolean replayed) {}

    private final Ledger ledger;

    OncePerKey(Ledger ledger) {
        this.ledger = ledger;
    }

    Uni<Recorded> post(JournalEntry entry) {
        return post(entry, c -> Uni.createFrom().voidItem());
    }

    /** The entry and {@code alsoDo} (what it records, say a voucher's row), in one transaction. */
    Uni<Recorded> post(JournalEntry entry, Function<SqlConnection, Uni<Void>> alsoDo) {
        return ledger.post(entry, alsoDo)
                .replaceWith(new Recorded(entry.id(), false))
                .onFailure(e -> Ledger.violated(e, Ledger.IDEMPOTENCY_INDEX))
                .recoverWithUni(e -> ledger.byKey(entry.requestedBy(), entry.idempotencyKey())
                        .map(earlier -> {
                            Ledger.KeyedEntry first = earlier.orElseThrow();
                            if (!first.requestHash().equals(entry.requestHash())) {
                                throw new ApiProblem(
                                        422,
                                        "Unprocessable Content",
                                        "Idempotency-Key",
                                        "this key was used for a different request (entry " + first.id() + ")");
                            }
                            return new Recorded(first.id(), true);
                        }));
    }
}
