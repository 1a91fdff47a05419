package io.flopx.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * For work that reasons about the current hour (listings from it, leases whose hours have passed): an hour that
 * turns while it runs changes what it must expect, so it starts clear of an hour's end.
 */
public final class HourTurn {

    private HourTurn() {}

    /**
     * Waits until a second into the next hour when less than {@code needed} is left of this one.
     *
     * @return how long it waited (zero when enough of the hour was left)
     */
    public static Duration clearOfTheHoursEnd(Duration needed) throws InterruptedException {
        Instant now = Instant.now();
        Duration left = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        if (left.compareTo(needed) >= 0) {
            return Duration.ZERO;
        }
        Duration wait = left.plusSeconds(1);
        Thread.sleep(wait.toMillis());
        return wait;
    }
}
