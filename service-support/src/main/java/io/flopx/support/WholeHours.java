package io.flopx.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Capacity is sold in whole UTC hours: offerings' availability and orders' start windows alike. */
public final class WholeHours {

    private WholeHours() {}

    /** @throws ApiProblem naming {@code field} unless {@code t} is on a whole UTC hour */
    public static void require(String field, Instant t) {
        if (!t.truncatedTo(ChronoUnit.HOURS).equals(t)) {
            throw ApiProblem.invalid(field, "must be on a whole UTC hour, e.g. 2026-12-01T08:00:00Z");
        }
    }
}
