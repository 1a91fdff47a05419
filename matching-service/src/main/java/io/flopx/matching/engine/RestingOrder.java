package io.flopx.matching.engine;

import java.util.UUID;

/**
 * An order (or its remainder) waiting in the book. Its priority, the sequence of its arrival, never
 * changes while it rests; a partial fill lowers its quantity in place and may pin its gang to a site.
 */
final class RestingOrder {

    OrderSpec spec;
    final long sequence;
    UUID site;
    /** Fills the order has had: numbers the next one. */
    int fills;

    RestingOrder(OrderSpec spec, long sequence, UUID site, int fills) {
        this.spec = spec;
        this.sequence = sequence;
        this.site = site;
        this.fills = fills;
    }

    @Override
    public String toString() {
        return "RestingOrder[spec=" + spec + ", sequence=" + sequence + ", site=" + site + ", fills=" + fills + "]";
    }
}
