package io.flopx.matching.engine;

import java.util.UUID;

/**
 * Where one match step puts an order's devices: every fill of a step starts at the same hour, so the
 * devices a buyer gets at once run together. A gang (same-site order) also keeps every device at one site
 * and of one model, whichever listings of that site they come from, and keeps that place for all its later
 * fills. Unset until the first device is leased.
 */
final class Place {

    final boolean gang;
    UUID site;
    String model;
    long start = -1;

    Place(boolean gang) {
        this.gang = gang;
    }

    boolean isSet() {
        return start >= 0;
    }

    void set(UUID site, String model, long start) {
        this.site = site;
        this.model = model;
        this.start = start;
    }

    Place copy() {
        Place p = new Place(gang);
        p.set(site, model, start);
        return p;
    }

    /** Whether an offering's devices may join this place (its start is checked slot by slot). */
    boolean admits(OfferingSpec s) {
        return !gang || site == null || site.equals(s.siteId()) && model.equals(s.model());
    }

    /** The place as one value: for remembering a place that could not hold the whole step. */
    String key() {
        return gang ? site + "|" + model + "|" + start : Long.toString(start);
    }

    static String key(boolean gang, OfferingSpec s, long start) {
        return gang ? s.siteId() + "|" + s.model() + "|" + start : Long.toString(start);
    }

    @Override
    public String toString() {
        return !isSet() ? "unset" : key();
    }
}
