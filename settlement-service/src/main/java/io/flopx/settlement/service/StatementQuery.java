package io.flopx.settlement.service;

import io.flopx.settlement.domain.EntryKind;
import io.flopx.support.Cursor;

/** A page of a tenant's statement: optionally one currency and one kind of entry, after a cursor. */
public record StatementQuery(String tenant, String currency, EntryKind kind, Cursor after, int limit) {}
