package io.flopx.client.stream;

import io.flopx.client.invoker.ApiClient;
import io.flopx.client.invoker.ApiException;
import io.flopx.client.model.MarketFrame;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * {@code GET /api/market/stream}: depth and the newest trades of a hub and model (or all), a frame whenever they
 * change and at least every 15 s; the server ends the stream when the caller's token expires.
 */
public final class MarketStream {

    private final EventStream<MarketFrame> events;

    public MarketStream(ApiClient api) {
        this.events = new EventStream<>(api, MarketFrame.class);
    }

    /**
     * Hands every frame to {@code frames} until the server ends the stream.
     *
     * @param hub    one hub, or null for all
     * @param model  one model, or null for all
     * @param trades how many of the newest trades each frame carries (1 to 200)
     */
    public void read(String hub, String model, int trades, Consumer<MarketFrame> frames) throws ApiException {
        StringJoiner query = new StringJoiner("&", "?", "");
        if (hub != null) {
            query.add("hub=" + ApiClient.urlEncode(hub));
        }
        if (model != null) {
            query.add("model=" + ApiClient.urlEncode(model));
        }
        query.add("trades=" + trades);
        events.read("/api/market/stream" + query, frames);
    }
}
