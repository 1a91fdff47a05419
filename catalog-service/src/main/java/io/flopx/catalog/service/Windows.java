package io.flopx.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.flopx.support.ApiProblem;

/** Capacity is sold in whole UTC hours. */
final class Windows {

    private Windows() {
    }

    static void requireHourAligned(String field, Instant t) {
        if (!t.truncatedTo(ChronoUnit.HOURS).equals(t)) {
            throw ApiProblem.invalid(field, "must be on a whole UTC hour, e.g. 2026-12-01T08:00:00Z");
        }
    }
}
