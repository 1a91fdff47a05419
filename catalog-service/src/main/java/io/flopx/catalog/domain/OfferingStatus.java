package io.flopx.catalog.domain;

public enum OfferingStatus {
    ACTIVE,
    WITHDRAWN,
    EXPIRED
}
