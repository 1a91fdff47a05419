package io.flopx.matching.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Where a hub's part of a quote comes from, and a peer that does not answer asked once, not once per call. */
class ExchangeMarketsTest {

    private static final String SELF = "http://localhost:8083";
    private static final String DEAD = "http://10.0.0.9:8083";

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final MarketDataView view = new MarketDataView(json);
    private final AtomicInteger calls = new AtomicInteger();
    private final PeerMarkets deadPeer = new PeerMarkets() {
        @Override
        public List<EngineEvent.Fill> quote(
                String peerUrl, String hub, OrderSpec order, long filledBefore, boolean passingThrough) {
            calls.incrementAndGet();
            throw new Unreachable(peerUrl, new java.net.ConnectException("Connection refused"));
        }

        @Override
        public List<OfferingSpec> offerings(String peerUrl) {
            calls.incrementAndGet();
            throw new Unreachable(peerUrl, new java.net.ConnectException("Connection refused"));
        }
    };
    private final ExchangeMarkets markets = new ExchangeMarkets(new MarketService(json), view, deadPeer, SELF);

    @Test
    void aPeerThatDidNotAnswerIsNotAskedAgainForAWhile() {
        claim("far-hub", DEAD);
        claim("near-hub", SELF); // a claim of this instance's own is never a peer to ask
        OrderSpec order =
                OrderSpec.devices(UUID.randomUUID(), "t", "H100", 1, 1, 500_000, 500_000, 1000, "CNY", Set.of());

        assertEquals(List.of("far-hub"), markets.hubs());
        assertThrows(PeerMarkets.Unreachable.class, () -> markets.quote("far-hub", order, 0, false));
        assertThrows(PeerMarkets.Unreachable.class, () -> markets.quote("far-hub", order, 0, true));
        assertTrue(markets.offerings().isEmpty());
        assertEquals(1, calls.get(), "the dead peer was asked again within " + ExchangeMarkets.QUIET_AFTER_FAILURE);
        assertEquals(List.of(), markets.quote("near-hub", order, 0, false));
        assertEquals(1, calls.get());
    }

    private void claim(String hub, String url) {
        view.onMarketData("""
                {"type":"HUB_OWNER","hub":"%s","url":"%s","at":"%s"}""".formatted(hub, url, Instant.now()));
    }
}
