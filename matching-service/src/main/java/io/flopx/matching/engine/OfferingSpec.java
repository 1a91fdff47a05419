package io.flopx.matching.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Capacity entering the book: devices of one model at one site in one hub over hour slots
 * [fromHour, untilHour), hours counted from the Unix epoch. Prices are integer minor units per
 * device-hour; PUE in thousandths; peaks in GFLOPS per device by precision name. {@code reliabilityBps} is
 * the delivery record of its site (of its provider while the site has none), in basis points over 30 days, as
 * the catalog last published it; null without history.
 */
public record OfferingSpec(
        UUID id,
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
        long fromHour,
        long untilHour,
        long pricePerDeviceHour,
        String currency,
        Integer reliabilityBps) {

    /** A plain offering for tests and callers that do not care about site qualities or throughput. */
    public static OfferingSpec simple(
            UUID id,
            String tenant,
            String model,
            String hub,
            int devices,
            long fromHour,
            long untilHour,
            long price,
            String currency) {
        return new OfferingSpec(
                id,
                tenant,
                model,
                hub,
                id,
                1000,
                5,
                "INFINIBAND",
                700,
                Map.of(),
                devices,
                fromHour,
                untilHour,
                price,
                currency,
                null);
    }

    /**
     * What an amendment may change: capacity, end of window and price from the provider, the delivery record
     * from the catalog's re-rating. The site's qualities stay as listed.
     */
    OfferingSpec amendedBy(int devices, long untilHour, long price, Integer reliability) {
        return new OfferingSpec(
                id,
                tenant,
                model,
                hub,
                siteId,
                pueMilli,
                greenRating,
                interconnect,
                tdpWatts,
                peakGflops,
                devices,
                fromHour,
                untilHour,
                price,
                currency,
                reliability);
    }

    /** The same offering with its peaks sorted: its text is the same in every JVM (for the state hash). */
    String canonical() {
        return new OfferingSpec(
                        id,
                        tenant,
                        model,
                        hub,
                        siteId,
                        pueMilli,
                        greenRating,
                        interconnect,
                        tdpWatts,
                        new TreeMap<>(peakGflops),
                        devices,
                        fromHour,
                        untilHour,
                        pricePerDeviceHour,
                        currency,
                        reliabilityBps)
                .toString();
    }

    Long peak(String precision) {
        return precision == null ? null : peakGflops.get(precision);
    }
}
