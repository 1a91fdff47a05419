package io.flopx.settlement.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * What catalog-service publishes on {@code offering-events} (the full state of an offering after each change),
 * as far as delivery goes: who provides it, where, and its availability commitment. Unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfferingEvent(
        UUID offeringId,
        long version,
        String tenant,
        String hub,
        UUID siteId,
        Integer availabilityBps,
        String deliveredBy) {

    /** Whose devices deliver it: the original provider of a resale listing, otherwise its own tenant. */
    public String deliverer() {
        return deliveredBy != null ? deliveredBy : tenant;
    }
}
