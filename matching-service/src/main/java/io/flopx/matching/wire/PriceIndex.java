package io.flopx.matching.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The price of compute at one precision across every hub and model, published on {@code market-data}
 * (key {@code index|precision|currency}): the best ask per PFLOP-hour now, and the turnover-weighted price
 * per PFLOP-hour of the recent trades of models that have that precision (null before the first trade).
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record PriceIndex(
        String type,
        String precision,
        String currency,
        Instant at,
        Long bestAskPerPflopHour,
        Long tradedPerPflopHour,
        long recentTrades) {

    public static final String TYPE = "INDEX";

    public String key() {
        return "index|" + precision + "|" + currency;
    }
}
