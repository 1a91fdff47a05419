package io.flopx.matching.rest;

import io.flopx.matching.wire.BookSummary;
import java.time.Instant;
import java.util.List;

/**
 * One frame of the public market stream: the depth of the hubs and models asked for and their newest trades,
 * as {@code /market/depth} and {@code /market/trades} would answer at {@code at}.
 */
public record MarketFrame(Instant at, List<BookSummary> depth, List<MarketResource.TradeRow> trades) {

    /** Equal market, whenever it was seen. */
    boolean sameMarket(MarketFrame other) {
        return other != null && depth.equals(other.depth) && trades.equals(other.trades);
    }
}
