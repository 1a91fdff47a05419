package io.flopx.order.domain;

/** Devices of a model (priced per device-hour) or throughput at a precision (priced per PFLOP-hour). */
public enum OrderKind {
    DEVICES,
    THROUGHPUT
}
