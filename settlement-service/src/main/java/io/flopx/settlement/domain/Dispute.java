package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.UUID;

/** A buyer's dispute of one hour slot of a lease, and an operator's decision on it (with a note). */
public record Dispute(
        UUID id,
        UUID fillId,
        Instant slotStart,
        String reason,
        String openedBy,
        Instant openedAt,
        State state,
        String decidedBy,
        Instant decidedAt,
        String note) {

    public enum State {
        OPEN,
        /** The hour counts as undelivered: the buyer is credited as for any undelivered hour. */
        ACCEPTED,
        REJECTED
    }
}
