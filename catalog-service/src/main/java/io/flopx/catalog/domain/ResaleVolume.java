package io.flopx.catalog.domain;

/** Resale on the exchange in one currency: listings, those still selling, leases sold, device-hours, turnover. */
public record ResaleVolume(
        String currency, long listings, long listingsSelling, long leases, long deviceHours, long turnover) {}
