package io.flopx.catalog.service;

import java.time.Instant;
import java.util.UUID;

/**
 * What an enterprise resells of a lease it holds: some of its devices over some of its hours not yet started
 * (absent ends: from the first unstarted hour, to the lease's end), at its own ask.
 */
public record NewResale(
        UUID leaseId, int devices, Instant availableFrom, Instant availableUntil, long pricePerDeviceHour) {}
