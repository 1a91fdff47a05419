package io.flopx.settlement.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flopx.settlement.domain.Lease;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery record as it was made, published on {@code delivery-events} (key: the lease): LEASE_STARTED,
 * HOUR_REPORTED, OUTAGE_REPORTED, DISPUTE_OPENED or DISPUTE_DECIDED, with who made it and what it says
 * ({@code details}: only the fields its type uses). Summaries are {@link DeliveryEvent}s.
 */
public record DeliveryRecordEvent(
        String type,
        UUID fillId,
        UUID offeringId,
        String provider,
        String buyer,
        String hub,
        Instant at,
        String reportedBy,
        Details details) {

    public static final String LEASE_STARTED = "LEASE_STARTED";
    public static final String HOUR_REPORTED = "HOUR_REPORTED";
    public static final String OUTAGE_REPORTED = "OUTAGE_REPORTED";
    public static final String DISPUTE_OPENED = "DISPUTE_OPENED";
    public static final String DISPUTE_DECIDED = "DISPUTE_DECIDED";

    /** {@code provider}: who delivers the lease (for a resale, the original provider, not the reseller). */
    public static DeliveryRecordEvent of(
            String type, Lease l, String provider, String reportedBy, Instant at, Details details) {
        return new DeliveryRecordEvent(
                type, l.fillId(), l.offeringId(), provider, l.buyer(), l.hub(), at, reportedBy, details);
    }

    /** What a record says; fields its type does not use are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(
            List<String> deviceIds,
            Instant slotStart,
            Integer devicesAvailable,
            Instant outageStart,
            Instant outageEnd,
            Integer outageDevices,
            String cause,
            UUID disputeId,
            String disputeState,
            String reason) {

        public static Details started(List<String> deviceIds) {
            return new Details(deviceIds, null, null, null, null, null, null, null, null, null);
        }

        public static Details hour(Instant slot, int available) {
            return new Details(null, slot, available, null, null, null, null, null, null, null);
        }

        public static Details outage(Instant start, Instant end, int devices, String cause) {
            return new Details(null, null, null, start, end, devices, cause, null, null, null);
        }

        public static Details dispute(UUID id, Instant slot, String state, String reason) {
            return new Details(null, slot, null, null, null, null, null, id, state, reason);
        }
    }
}
