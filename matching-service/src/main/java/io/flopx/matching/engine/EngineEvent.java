package io.flopx.matching.engine;

import java.util.UUID;

/** What the engine decided. Events are values: replaying the same commands yields equal events. */
public sealed interface EngineEvent {

    UUID orderId();

    /** The order (or its remainder) found no capacity yet and waits in the book. */
    record Resting(UUID orderId, String orderTenant, String reason) implements EngineEvent {}

    /** The order could never be filled as asked. */
    record Rejected(UUID orderId, String orderTenant, String reason) implements EngineEvent {}

    /** Whatever was not filled is cancelled: on request, or because the order was immediate-or-cancel. */
    record Cancelled(UUID orderId, String orderTenant, String reason) implements EngineEvent {}

    /** The good-till time passed with the order still resting. */
    record Expired(UUID orderId, String orderTenant, String reason) implements EngineEvent {}

    /**
     * Devices of an offering leased to an order over hour slots [startHour, endHour), at the resting side's
     * price. {@code gflopsPerDevice} is the model's peak at the order's precision, if it named one (a devices
     * order may, for its PFLOP-hour figures); {@code throughput} says which the order counts.
     */
    record Fill(
            UUID fillId,
            UUID orderId,
            String orderTenant,
            UUID offeringId,
            String offeringTenant,
            String hub,
            UUID siteId,
            String model,
            int pueMilli,
            int tdpWatts,
            Long gflopsPerDevice,
            int devices,
            long startHour,
            long endHour,
            long pricePerDeviceHour,
            String currency,
            boolean throughput)
            implements EngineEvent {

        public long cost() {
            // Exact within the domain bounds (Limits); a result beyond them is an error, never a wrapped number.
            return Math.multiplyExact(Math.multiplyExact((long) devices, endHour - startHour), pricePerDeviceHour);
        }

        /** What the fill counts toward the order's quantity: devices, or GFLOPS for a throughput order. */
        public long units() {
            return throughput ? devices * gflopsPerDevice : devices;
        }
    }
}
