package io.flopx.catalog.wire;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.Precision;
import io.flopx.catalog.domain.Site;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Published on the compacted topic {@code offering-events}, keyed by offering id: the full state of an
 * offering after each change, so the latest record per key is a complete snapshot and a duplicate
 * publish is harmless. A resale listing names the lease it resells and the provider whose devices deliver it
 * ({@code deliveredBy}, for any other offering its own tenant). Guarded by the contract fixture
 * {@code contracts/offering-listed.json}.
 */
public record OfferingEvent(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID offeringId,
        long version,
        String tenant,
        String model,
        String hub,
        UUID siteId,
        int pueMilli,
        int greenRating,
        String interconnect,
        int tdpWatts,
        Map<String, Long> peakGflops,
        int devices,
        Instant availableFrom,
        Instant availableUntil,
        long pricePerDeviceHour,
        String currency,
        int minLeaseHours,
        Integer availabilityBps,
        String status,
        Integer reliabilityBps,
        UUID resaleOf,
        String deliveredBy) {

    public static final String LISTED = "OFFERING_LISTED";
    public static final String AMENDED = "OFFERING_AMENDED";
    public static final String WITHDRAWN = "OFFERING_WITHDRAWN";

    /*
     * A re-rating (reliabilityBps changed) is published as OFFERING_AMENDED: to every reader it is a new full
     * state of the offering, and the matcher meets resting orders with it as with any amendment.
     */

    /** With the model's TDP and dense peaks, so the matcher can sell throughput and fills can carry energy. */
    public static OfferingEvent of(String type, Offering o, Site site, AcceleratorModel model, Instant at) {
        Map<String, Long> peaks = new TreeMap<>();
        for (Precision p : Precision.values()) {
            Long peak = p.peakGflops(model);
            if (peak != null) {
                peaks.put(p.name(), peak);
            }
        }
        return new OfferingEvent(
                UUID.randomUUID(),
                type,
                at,
                o.id,
                o.version,
                o.tenant,
                o.modelId,
                o.hubId,
                site.id,
                site.pueMilli,
                site.greenRating,
                site.interconnect.name(),
                model.tdpWatts,
                peaks,
                o.devices,
                o.availableFrom,
                o.availableUntil,
                o.pricePerDeviceHour,
                o.currency,
                o.minLeaseHours,
                o.availabilityBps,
                o.status.name(),
                o.reliabilityBps,
                o.resaleOf,
                o.deliverer());
    }
}
