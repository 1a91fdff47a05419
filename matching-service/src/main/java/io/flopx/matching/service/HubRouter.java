package io.flopx.matching.service;

import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which hub markets an order visits. An order naming one hub goes there. An order allowing several
 * (or any) goes first to the hub with the best price <em>feasible for it</em>, then on to the next best,
 * taking at each what fills now; what is left comes back to rest in the first, best-priced hub (an
 * immediate-or-cancel order ends at the last). A hub whose market is on this instance is priced by quoting
 * the order there (its window, models, precision, constraints); another instance's hub by its best ask in
 * the market data, a lower bound. The route is decided once, when the order enters the command log, and
 * travels with it, so replays follow it exactly. Only one hub ever holds an order, so no devices are held
 * for it twice.
 */
@ApplicationScoped
public class HubRouter {

    private final MarketDataView marketData;
    private final MarketService markets;
    private final List<String> allHubs;

    public HubRouter(
            MarketDataView marketData,
            MarketService markets,
            @ConfigProperty(name = "flopx.matching.hubs") List<String> allHubs) {
        this.marketData = marketData;
        this.markets = markets;
        this.allHubs = List.copyOf(allHubs);
    }

    /** The hubs an order may trade in: those it names, or every hub. */
    public List<String> candidates(OrderEvent order) {
        return order.allowedHubs() == null || order.allowedHubs().isEmpty()
                ? allHubs
                : order.allowedHubs().stream().distinct().sorted().toList();
    }

    public List<String> route(OrderEvent order) {
        List<String> hubs = new ArrayList<>(candidates(order));
        if (hubs.size() == 1) {
            return hubs;
        }
        Map<String, Long> asks = bestAsks(order);
        for (String hub : hubs) {
            OptionalLong feasible = markets.feasiblePrice(hub, order);
            if (feasible.isPresent()) {
                asks.put(hub, feasible.getAsLong());
            }
        }
        hubs.sort(Comparator.comparingLong((String hub) -> asks.getOrDefault(hub, Long.MAX_VALUE))
                .thenComparing(hub -> hub));
        if (!"IMMEDIATE_OR_CANCEL".equals(order.timeInForce())) {
            hubs.add(hubs.get(0));
        }
        return hubs;
    }

    /** Per hub, the best ask in the order's unit (device-hour, or PFLOP-hour at its precision); one pass over the books. */
    Map<String, Long> bestAsks(OrderEvent order) {
        boolean throughput = "THROUGHPUT".equals(order.kind());
        Map<String, Long> best = new HashMap<>();
        for (BookSummary book : marketData.unorderedBooks()) {
            if (!book.currency().equals(order.currency()) || book.offerings() == 0) {
                continue;
            }
            if (order.models() != null
                    && !order.models().isEmpty()
                    && !order.models().contains(book.model())) {
                continue;
            }
            Long ask = throughput ? book.bestAskPerPflopHour().get(order.precision()) : book.bestAsk();
            if (ask != null) {
                best.merge(book.hub(), ask, Math::min);
            }
        }
        return best;
    }
}
