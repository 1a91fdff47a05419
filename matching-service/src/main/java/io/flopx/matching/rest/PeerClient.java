package io.flopx.matching.rest;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.service.PeerMarkets;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Asks other matcher instances (PeerResource) with the token of the caller being answered: one REST client
 * per peer address, kept; a peer that does not answer within {@code flopx.matching.peer-timeout} is
 * Unreachable, and the quote goes on without its hubs.
 */
@ApplicationScoped
public class PeerClient implements PeerMarkets {

    private final JsonWebToken token;
    private final Duration timeout;
    private final Map<String, PeerApi> clients = new ConcurrentHashMap<>();

    public PeerClient(
            JsonWebToken token,
            @ConfigProperty(name = "flopx.matching.peer-timeout", defaultValue = "2s") Duration timeout) {
        this.token = token;
        this.timeout = timeout;
    }

    @Override
    public List<EngineEvent.Fill> quote(
            String peerUrl, String hub, OrderSpec order, long filledBefore, boolean passingThrough) {
        try {
            return client(peerUrl)
                    .quote(bearer(), new PeerResource.QuoteRequest(hub, order, filledBefore, passingThrough));
        } catch (RuntimeException e) {
            throw new Unreachable(peerUrl, e);
        }
    }

    @Override
    public List<OfferingSpec> offerings(String peerUrl) {
        try {
            return client(peerUrl).offerings(bearer());
        } catch (RuntimeException e) {
            throw new Unreachable(peerUrl, e);
        }
    }

    private String bearer() {
        return "Bearer " + token.getRawToken();
    }

    private PeerApi client(String url) {
        return clients.computeIfAbsent(
                url,
                u -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(URI.create(u))
                        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .build(PeerApi.class));
    }
}
