package io.flopx.matching.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Market data for one model in one hub, in one currency, published on {@code market-data} (compacted, key
 * {@code hub|model|currency}) whenever it changes: listed capacity, the best ask per device-hour and per
 * PFLOP-hour at each precision (with the first hour the best ask per device-hour can be had: its
 * offering's window may start days ahead), resting devices orders and their best bid, and the trades so far with the
 * most recent ones. Anonymous: no tenant, order or offering ids.
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookSummary(
        String type,
        String hub,
        String model,
        String currency,
        Instant at,
        int offerings,
        long devicesListed,
        Long bestAsk,
        Instant bestAskFrom,
        Map<String, Long> bestAskPerPflopHour,
        Map<String, Long> peakGflops,
        int restingOrders,
        Long bestBid,
        Long lastPrice,
        long trades,
        long volumeDeviceHours,
        long turnover,
        List<Trade> recentTrades) {

    public static final String TYPE = "BOOK";

    public String key() {
        return hub + "|" + model + "|" + currency;
    }

    /** One trade: when (the second its command entered the log), the price, the devices and hours. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trade(Instant at, long pricePerDeviceHour, int devices, long hours) {}
}
