package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Dispute;
import java.time.Instant;
import java.util.UUID;

/** A dispute of an hour slot and its decision. */
public record DisputeView(
        UUID id,
        UUID leaseId,
        Instant hour,
        String reason,
        String openedBy,
        Instant openedAt,
        String state,
        String decidedBy,
        Instant decidedAt,
        String note) {

    public static DisputeView of(Dispute d) {
        return new DisputeView(
                d.id(),
                d.fillId(),
                d.slotStart(),
                d.reason(),
                d.openedBy(),
                d.openedAt(),
                d.state().name(),
                d.decidedBy(),
                d.decidedAt(),
                d.note());
    }
}
