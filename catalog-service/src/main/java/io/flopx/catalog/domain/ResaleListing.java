package io.flopx.catalog.domain;

/** A resale listing (an offering that resells a lease's hours) and the device-hours it has sold so far. */
public record ResaleListing(Offering offering, long soldDeviceHours) {}
