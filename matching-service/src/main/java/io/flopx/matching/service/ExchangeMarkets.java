package io.flopx.matching.service;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every hub's market, wherever it is: this instance's own (MarketService), and those other instances own, asked
 * over HTTP at the address their owner claimed on {@code market-data} (HubOwner). A quote is answered by
 * whichever instance the caller reaches, and must cover every hub the order allows, not only the ones that
 * instance owns.
 */
@ApplicationScoped
public class ExchangeMarkets {

    /**
     * How long a peer that did not answer is not asked again. One quote asks a peer several times (the route,
     * the funnel, each alternative), and a claim can outlive its instance: without this, each of those calls
     * would wait for the same dead peer again.
     */
    static final Duration QUIET_AFTER_FAILURE = Duration.ofSeconds(5);

    private final MarketService local;
    private final MarketDataView marketData;
    private final PeerMarkets peers;
    private final String self;
    private final Map<String, Instant> unreachableUntil = new ConcurrentHashMap<>();

    public ExchangeMarkets(
            MarketService local,
            MarketDataView marketData,
            PeerMarkets peers,
            @ConfigProperty(name = "flopx.matching.advertised-url") String self) {
        this.local = local;
        this.marketData = marketData;
        this.peers = peers;
        this.self = self;
    }

    /** Every hub with a market: this instance's first, then those a peer claims. */
    public List<String> hubs() {
        Set<String> all = new LinkedHashSet<>(local.hubs());
        marketData.owners().forEach((hub, url) -> {
            if (!url.equals(self)) {
                all.add(hub);
            }
        });
        return List.copyOf(all);
    }

    /**
     * The fills the order would get now in {@code hub}'s market, here or on its owner; empty where no instance
     * has the hub. Throws PeerMarkets.Unreachable when the owner does not answer.
     */
    public List<EngineEvent.Fill> quote(String hub, OrderSpec order, long filledBefore, boolean passingThrough) {
        String owner = remoteOwner(hub);
        return owner == null
                ? local.quote(hub, order, filledBefore, passingThrough)
                : ask(owner, () -> peers.quote(owner, hub, order, filledBefore, passingThrough));
    }

    /** Every offering listed in the markets here and in those of the peers that answer: for explaining a quote. */
    public List<OfferingSpec> offerings() {
        List<OfferingSpec> all = new ArrayList<>(local.offerings());
        Set<String> peersAsked = new LinkedHashSet<>();
        for (String hub : marketData.owners().keySet()) {
            String owner = remoteOwner(hub);
            if (owner != null && peersAsked.add(owner)) {
                try {
                    all.addAll(ask(owner, () -> peers.offerings(owner)));
                } catch (PeerMarkets.Unreachable e) {
                    // Its offerings are missing from the funnel; the quote's hubsQuoted already leaves its hubs out.
                }
            }
        }
        return all;
    }

    private <T> T ask(String peer, Supplier<T> call) {
        Instant now = Instant.now();
        Instant quietUntil = unreachableUntil.get(peer);
        if (quietUntil != null && now.isBefore(quietUntil)) {
            throw new PeerMarkets.Unreachable(peer, "did not answer less than " + QUIET_AFTER_FAILURE + " ago");
        }
        try {
            T answer = call.get();
            unreachableUntil.remove(peer);
            return answer;
        } catch (PeerMarkets.Unreachable e) {
            unreachableUntil.put(peer, now.plus(QUIET_AFTER_FAILURE));
            throw e;
        }
    }

    /** The address of the peer that owns {@code hub}; null when it is this instance's or nobody's. */
    private String remoteOwner(String hub) {
        if (local.owns(hub)) {
            return null;
        }
        String url = marketData.ownerOf(hub);
        return url == null || url.equals(self) ? null : url;
    }
}
