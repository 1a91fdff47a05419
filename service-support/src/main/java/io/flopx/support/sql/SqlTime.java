package io.flopx.support.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the reactive PostgreSQL client binds them to {@code timestamptz}: offset date-times in UTC. */
public final class SqlTime {

    private SqlTime() {}

    /** The same instant in UTC, or null. */
    public static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
