package io.flopx.settlement.domain;

import java.time.Instant;
import java.util.List;

/**
 * One hour slot of a lease as its delivery records judge it.
 *
 * @param undelivered device-hours not delivered: final once judged, what is known so far (outages) before
 */
public record SlotVerdict(Instant start, int devices, State state, int undelivered, Basis basis) {

    /** Where the slot stands. */
    public enum State {
        /** Not over yet, or over and still within the grace period its agent has to report it. */
        PENDING,
        DELIVERED,
        PARTIAL,
        UNDELIVERED
    }

    /** What decided it. */
    public enum Basis {
        /** Nothing yet. */
        AWAITING_REPORT,
        /** The agent's report of the hour (and any outage in it, whichever says less was delivered). */
        REPORTED,
        /** Over, past the grace period, no report: an offering with a commitment counts it undelivered. */
        NO_REPORT,
        /** Over, no report, an offering without a commitment (best effort): only reported outages count. */
        BEST_EFFORT,
        /** An operator accepted the buyer's dispute of the hour: undelivered. */
        DISPUTE
    }

    public boolean judged() {
        return state != State.PENDING;
    }

    public int delivered() {
        return judged() ? devices - undelivered : 0;
    }

    /** The judged slots of a lease, summed: how many, their device-hours, and how many of those undelivered. */
    public record Judged(int slots, long deviceHours, long undelivered) {

        public long delivered() {
            return deviceHours - undelivered;
        }

        public static Judged of(List<SlotVerdict> verdicts) {
            int slots = 0;
            long deviceHours = 0;
            long undelivered = 0;
            for (SlotVerdict v : verdicts) {
                if (v.judged()) {
                    slots++;
                    deviceHours += v.devices();
                    undelivered += v.undelivered();
                }
            }
            return new Judged(slots, deviceHours, undelivered);
        }
    }

    static SlotVerdict judged(Instant start, int devices, int undelivered, Basis basis) {
        State s = undelivered == 0 ? State.DELIVERED : undelivered >= devices ? State.UNDELIVERED : State.PARTIAL;
        return new SlotVerdict(start, devices, s, undelivered, basis);
    }
}
