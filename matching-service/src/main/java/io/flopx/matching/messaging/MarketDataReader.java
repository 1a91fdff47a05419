package io.flopx.matching.messaging;

import io.flopx.matching.service.MarketDataView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads all of {@code market-data} (a consumer group per instance, from the beginning: the topic is
 * compacted, so that is the latest of every book and index) into this instance's {@link MarketDataView}.
 */
@ApplicationScoped
public class MarketDataReader {

    private final MarketDataView view;

    public MarketDataReader(MarketDataView view) {
        this.view = view;
    }

    @Incoming("market-data-in")
    public void onMarketData(String record) {
        view.onMarketData(record);
    }
}
