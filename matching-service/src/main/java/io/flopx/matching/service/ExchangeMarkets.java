package io.flopx.matching.service;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every hub's market, wherever it is: this instance's own (MarketService), and those other instances own, asked
 * over HTTP at the address their owner claimed on {@code market-data} (HubOwner). A quote is answered by
 * whichever instance the caller reaches, and must cover every hub the order allows, not only the ones that
 * instance owns.
 */
@ApplicationScoped
public class ExchangeMarkets {

    private final MarketService local;
    private final MarketDataView marketData;
    private final PeerMarkets peers;
    private final String self;

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
                : peers.quote(owner, hub, order, filledBefore, passingThrough);
    }

    /**
     * Every offering listed in any market, for explaining a quote; and the hubs whose owner did not answer
     * (their offerings are missing).
     */
    public Listed offerings() {
        List<OfferingSpec> all = new ArrayList<>(local.offerings());
        Set<String> missing = new LinkedHashSet<>();
        Map<String, String> owners = marketData.owners();
        Set<String> asked = new LinkedHashSet<>();
        owners.forEach((hub, url) -> {
            if (remoteOwner(hub) == null || !asked.add(url)) {
                return;
            }
            try {
                all.addAll(peers.offerings(url));
            } catch (PeerMarkets.Unreachable e) {
                owners.forEach((h, u) -> {
                    if (u.equals(url)) {
                        missing.add(h);
                    }
                });
            }
        });
        return new Listed(all, missing);
    }

    public record Listed(List<OfferingSpec> offerings, Set<String> hubsMissing) {}

    /** The address of the peer that owns {@code hub}; null when it is this instance's or nobody's. */
    private String remoteOwner(String hub) {
        if (local.owns(hub)) {
            return null;
        }
        String url = marketData.owners().get(hub);
        return url == null || url.equals(self) ? null : url;
    }
}
