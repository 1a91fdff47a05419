package io.flopx.catalog.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * What settlement-service publishes on {@code delivery-events} (key: the lease), as far as reliability goes:
 * a lease's delivery summary (LEASE_DELIVERY) after each change. Other types and fields are ignored. Guarded
 * by the contract fixture {@code contracts/lease-delivery.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(
        String type,
        UUID fillId,
        UUID offeringId,
        String provider,
        Instant at,
        Instant end,
        Long judgedDeviceHours,
        Long deliveredDeviceHours,
        Integer outages,
        Long outageMinutes,
        Integer disputesUpheld) {

    public static final String LEASE_DELIVERY = "LEASE_DELIVERY";

    public boolean isSummary() {
        return LEASE_DELIVERY.equals(type)
                && fillId != null
                && offeringId != null
                && provider != null
                && at != null
                && end != null
                && judgedDeviceHours != null
                && deliveredDeviceHours != null
                && judgedDeviceHours >= 0
                && deliveredDeviceHours >= 0
                && deliveredDeviceHours <= judgedDeviceHours;
    }
}
