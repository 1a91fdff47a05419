package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.UUID;

/** An outage a provider's agent reported on a lease: {@code devices} were unavailable from start to end. */
public record Outage(UUID id, Instant start, Instant end, int devices, String cause, Instant reportedAt) {

    /** Whether any part of it falls in {@code [from, to)}. */
    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
