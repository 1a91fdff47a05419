package io.flopx.matching.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.wire.BookSummary;
import io.flopx.matching.wire.HubOwner;
import io.flopx.matching.wire.PriceIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The whole exchange's market data as this instance sees it: every instance reads all of
 * {@code market-data} (its own consumer group), so it knows the books of hubs other instances own. Feeds
 * the routing of multi-hub orders, the depth, trades and index views and the price index.
 */
@ApplicationScoped
public class MarketDataView {

    private static final Logger LOG = Logger.getLogger(MarketDataView.class);
    static final int INDEX_POINTS = 240;

    private final Map<String, BookSummary> books = new ConcurrentHashMap<>();
    private final Map<String, PriceIndex> indexes = new ConcurrentHashMap<>();
    /** Per hub, the HTTP address of the instance that owns its market, as it last said (HubOwner). */
    private final Map<String, HubOwner> owners = new ConcurrentHashMap<>();
    /** Per precision and currency, the index's latest points (when it arrived, price per PFLOP-hour): the dashboard's chart. */
    private final Map<String, Deque<double[]>> indexHistory = new ConcurrentHashMap<>();

    private final ObjectMapper json;

    public MarketDataView(ObjectMapper json) {
        this.json = json;
    }

    /** One record of {@code market-data}, as {@code MarketDataReader} receives it. */
    public void onMarketData(String record) {
        try {
            JsonNode node = json.readTree(record);
            switch (node.path("type").asText()) {
                case BookSummary.TYPE -> put(json.treeToValue(node, BookSummary.class));
                case PriceIndex.TYPE -> {
                    PriceIndex index = json.treeToValue(node, PriceIndex.class);
                    indexes.put(index.key(), index);
                    remember(index);
                }
                case HubOwner.TYPE -> {
                    HubOwner owner = json.treeToValue(node, HubOwner.class);
                    owners.merge(owner.hub(), owner, (old, next) -> next.at().isBefore(old.at()) ? old : next);
                }
                default -> LOG.debugf("market data of unknown type ignored: %s", node.path("type"));
            }
        } catch (Exception e) {
            LOG.warnf("unreadable market data ignored: %s", e.getMessage());
        }
    }

    private void remember(PriceIndex index) {
        Long price = index.tradedPerPflopHour() != null ? index.tradedPerPflopHour() : index.bestAskPerPflopHour();
        if (price == null) {
            return;
        }
        Deque<double[]> series =
                indexHistory.computeIfAbsent(index.precision() + " " + index.currency(), k -> new ArrayDeque<>());
        synchronized (series) {
            series.addLast(new double[] {System.currentTimeMillis(), price});
            while (series.size() > INDEX_POINTS) {
                series.removeFirst();
            }
        }
    }

    /** The price index's latest points per precision and currency: [epoch ms, price per PFLOP-hour]. */
    public Map<String, List<double[]>> indexHistory() {
        Map<String, List<double[]>> out = new TreeMap<>();
        indexHistory.forEach((key, series) -> {
            synchronized (series) {
                out.put(key, new ArrayList<>(series));
            }
        });
        return out;
    }

    /** Newer data replaces older for the same hub, model and currency. */
    public void put(BookSummary summary) {
        books.merge(summary.key(), summary, (old, next) -> next.at().isBefore(old.at()) ? old : next);
    }

    /** Every book, in no order: for lookups on the routing path, where sorting would be wasted. */
    public Collection<BookSummary> unorderedBooks() {
        return Collections.unmodifiableCollection(books.values());
    }

    /** Every book, by hub, model and currency. */
    public List<BookSummary> books() {
        List<BookSummary> all = new ArrayList<>(books.values());
        all.sort(Comparator.comparing(BookSummary::key));
        return all;
    }

    /**
     * Every hub with a known owner and that owner's address. The newest claim wins: after a rebalance the new
     * owner claims the hub within a second; an owner that died keeps its claim until the next one takes over,
     * and a peer that cannot reach it leaves that hub out of its answer.
     */
    public Map<String, String> owners() {
        Map<String, String> out = new TreeMap<>();
        owners.forEach((hub, owner) -> out.put(hub, owner.url()));
        return out;
    }

    /** The address of the instance that last claimed {@code hub}; null if none did. */
    public String ownerOf(String hub) {
        HubOwner owner = owners.get(hub);
        return owner == null ? null : owner.url();
    }

    public List<PriceIndex> indexes() {
        List<PriceIndex> all = new ArrayList<>(indexes.values());
        all.sort(Comparator.comparing(PriceIndex::key));
        return all;
    }
}
