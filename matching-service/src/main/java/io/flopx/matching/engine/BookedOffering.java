package io.flopx.matching.engine;

/** An offering in the book with the devices already leased in each of its hour slots. */
final class BookedOffering {

    OfferingSpec spec;
    long version;
    /** Arrival order: the tie-breaker that makes older offerings win at equal price and start. */
    final long sequence;

    private int[] leased;

    BookedOffering(OfferingSpec spec, long version, long sequence) {
        this.spec = spec;
        this.version = version;
        this.sequence = sequence;
        this.leased = new int[(int) (spec.untilHour() - spec.fromHour())];
    }

    /** An offering restored from a snapshot, with the leases it had. */
    BookedOffering(OfferingSpec spec, long version, long sequence, int[] leased) {
        this.spec = spec;
        this.version = version;
        this.sequence = sequence;
        this.leased = leased.clone();
    }

    int[] leased() {
        return leased.clone();
    }

    /**
     * Takes a provider's change. The window keeps its start; its end may move, but never before a leased
     * slot; the device count never drops below the most leased in any slot, so no trade is undone.
     */
    void amend(OfferingSpec next, long nextVersion) {
        int lastLeased = -1;
        int mostLeased = 0;
        for (int i = 0; i < leased.length; i++) {
            if (leased[i] > 0) {
                lastLeased = i;
                mostLeased = Math.max(mostLeased, leased[i]);
            }
        }
        long until = Math.max(next.untilHour(), spec.fromHour() + lastLeased + 1);
        int[] resized = new int[(int) (until - spec.fromHour())];
        System.arraycopy(leased, 0, resized, 0, Math.min(leased.length, resized.length));
        leased = resized;
        spec = spec.amendedBy(
                Math.max(next.devices(), mostLeased), until, next.pricePerDeviceHour(), next.reliabilityBps());
        version = nextVersion;
    }

    /** The earliest start in [from, to] at which {@code devices} are free for the whole duration, or -1. */
    long earliestFeasibleStart(long from, long to, int duration, long devices) {
        long first = Math.max(from, spec.fromHour());
        long last = Math.min(to, spec.untilHour() - duration);
        for (long start = first; start <= last; start++) {
            if (freeThroughout(start, duration) >= devices) {
                return start;
            }
        }
        return -1;
    }

    /** The devices free in every hour of [start, start + duration). */
    int freeThroughout(long start, int duration) {
        int free = spec.devices();
        for (long h = start; h < start + duration; h++) {
            free = Math.min(free, spec.devices() - leased[(int) (h - spec.fromHour())]);
        }
        return free;
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

    /** The first hour from {@code hour} on (within the window) with a device not leased, or -1 if none. */
    long firstFreeHour(long hour) {
        for (long h = Math.max(hour, spec.fromHour()); h < spec.untilHour(); h++) {
            if (leased[(int) (h - spec.fromHour())] < spec.devices()) {
                return h;
            }
        }
        return -1;
    }
}
