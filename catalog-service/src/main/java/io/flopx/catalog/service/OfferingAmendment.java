package io.flopx.catalog.service;

import java.time.Instant;

/** What a provider changes on a listed offering; absent (null) fields stay as they are. */
public record OfferingAmendment(Long pricePerDeviceHour, Integer devices, Instant availableUntil) {

    boolean isEmpty() {
        return pricePerDeviceHour == null && devices == null && availableUntil == null;
    }
}
