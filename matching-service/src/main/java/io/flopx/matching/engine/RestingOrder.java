package io.flopx.matching.engine;

/**
 * An order (or its remainder) waiting in the book. Its priority, the sequence of its arrival, never
 * changes while it rests; a partial fill lowers its quantity in place and may pin its gang.
 */
final class RestingOrder {

    /** The order's terms; its quantity is what is still wanted. */
    OrderSpec spec;

    final long sequence;
    /** Where its gang runs, once its first devices are leased; null for orders that are not gangs. */
    final Place gang;
    /** Fills the order has had: numbers the next one. */
    int fills;
    /** Units (devices or GFLOPS) filled so far, in every market: they count toward the minimum fill and bound an amendment. */
    long filled;

    RestingOrder(OrderSpec spec, long sequence, Place gang, int fills, long filled) {
        this.spec = spec;
        this.sequence = sequence;
        this.gang = gang;
        this.fills = fills;
        this.filled = filled;
    }

    @Override
    public String toString() {
        return "RestingOrder[spec=" + spec.canonical() + ", sequence=" + sequence + ", gang=" + gang + ", fills="
                + fills + ", filled=" + filled + "]";
    }
}
