package io.flopx.matching.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Capacity entering the book: devices of one model at one site in one hub over hour slots
 * [fromHour, untilHour), hours counted from the Unix epoch. Prices are integer minor units per
 * device-hour; PUE in thousandths; peaks in GFLOPS per device by precision name.
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
        String currency) {

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
                currency);
    }

    OfferingSpec withCapacity(int devices, long untilHour, long price) {
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
                currency);
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
                        currency)
                .toString();
    }

    Long peak(String precision) {
        return precision == null ? null : peakGflops.get(precision);
    }
}
