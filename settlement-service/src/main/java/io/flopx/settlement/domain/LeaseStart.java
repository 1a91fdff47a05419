package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.List;

/** A provider's agent reported the lease started, on these devices (or hosts). */
public record LeaseStart(Instant startedAt, List<String> deviceIds, String reportedBy, Instant reportedAt) {

    public LeaseStart {
        deviceIds = List.copyOf(deviceIds);
    }
}
