package io.flopx.settlement.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** catalog-service's word on a fill, on {@code lease-events}: {@code FILL_REFUSED} is what settlement reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseEvent(UUID eventId, String type, Instant occurredAt, UUID fillId, String reason) {

    public static final String FILL_REFUSED = "FILL_REFUSED";
}
