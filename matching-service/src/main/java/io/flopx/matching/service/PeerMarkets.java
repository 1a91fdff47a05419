package io.flopx.matching.service;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import java.util.List;

/**
 * Another matcher instance's markets, reached at its advertised address on behalf of the caller being
 * answered. Implemented where the service is reached from (HTTP); the service does not know how.
 */
public interface PeerMarkets {

    /** What {@link MarketService#quote(String, OrderSpec, long, boolean)} gives on the peer that owns {@code hub}. */
    List<EngineEvent.Fill> quote(
            String peerUrl, String hub, OrderSpec order, long filledBefore, boolean passingThrough);

    /** Every offering listed in the peer's markets. */
    List<OfferingSpec> offerings(String peerUrl);

    /** A peer that did not answer: its hubs are left out of the answer, which says which hubs it covers. */
    final class Unreachable extends RuntimeException {
        public Unreachable(String peerUrl, Throwable cause) {
            super("matcher at " + peerUrl + " did not answer: " + cause, cause);
        }

        public Unreachable(String peerUrl, String why) {
            super("matcher at " + peerUrl + " " + why);
        }
    }
}
