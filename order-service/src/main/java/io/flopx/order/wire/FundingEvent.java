package io.flopx.order.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Consumed from {@code funding-events} (compacted, key tenant|currency): settlement-service's word on a tenant's
 * funding in a currency after a change, in minor units; a higher version is newer. Guarded by the contract
 * fixture {@code contracts/funding-changed.json}.
 */
// A tolerant reader: the producer may add fields.
@JsonIgnoreProperties(ignoreUnknown = true)
public record FundingEvent(String tenant, String currency, long paidIn, long creditLimit, long version) {}
