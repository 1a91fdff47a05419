package io.flopx.matching.engine;

/** An offering in the book with the devices already leased in each of its hour slots. */
final class BookedOffering {

    final OfferingSpec spec;
    /** Arrival order: the tie-breaker that makes older offerings win at equal price and start. */
    final long sequence;
    private final int[] leased;

    BookedOffering(OfferingSpec spec, long sequence) {
        this.spec = spec;
        this.sequence = sequence;
        this.leased = new int[(int) (spec.untilHour() - spec.fromHour())];
    }

    /** The earliest start in [from, to] at which devices are free for the whole duration, or -1. */
    long earliestFeasibleStart(long from, long to, int duration, int devices) {
        long first = Math.max(from, spec.fromHour());
        long last = Math.min(to, spec.untilHour() - duration);
        for (long start = first; start <= last; start++) {
            if (freeThroughout(start, duration, devices)) {
                return start;
            }
        }
        return -1;
    }

    void lease(long start, int duration, int devices) {
        for (long h = start; h < start + duration; h++) {
            int slot = (int) (h - spec.fromHour());
            leased[slot] += devices;
            if (leased[slot] > spec.devices()) {
                throw new IllegalStateException("oversold " + spec.id() + " at hour " + h);
            }
        }
    }

    int leasedAt(long hour) {
        return leased[(int) (hour - spec.fromHour())];
    }

    private boolean freeThroughout(long start, int duration, int devices) {
        for (long h = start; h < start + duration; h++) {
            if (spec.devices() - leased[(int) (h - spec.fromHour())] < devices) {
                return false;
            }
        }
        return true;
    }
}
