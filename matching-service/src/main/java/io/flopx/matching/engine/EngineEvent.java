package io.flopx.matching.engine;

import java.util.UUID;

/** What the engine decided. Events are values: replaying the same commands yields equal events. */
public sealed interface EngineEvent {

    UUID orderId();

    /** The order found no capacity yet and waits in the book for new offerings. */
    record Resting(UUID orderId, String orderTenant, String reason) implements EngineEvent {
    }

    /** The order could never be filled as asked. */
    record Rejected(UUID orderId, String orderTenant, String reason) implements EngineEvent {
    }

    /** Devices of an offering leased to an order over hour slots [startHour, endHour), at the resting side's price. */
    record Fill(UUID fillId, UUID orderId, String orderTenant, UUID offeringId, String offeringTenant, String hub,
            String model, int devices, long startHour, long endHour, long pricePerDeviceHour, String currency)
            implements EngineEvent {

        public long cost() {
            return devices * (endHour - startHour) * pricePerDeviceHour;
        }
    }
}
