package io.flopx.settlement.domain;

/** Why money moved. */
public enum EntryKind {
    /** Money received for a tenant (a reconciled bank transfer; see the module README). */
    TOP_UP
}
