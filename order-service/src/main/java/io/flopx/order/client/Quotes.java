package io.flopx.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.support.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Asks matching-service what an order would get now, with the caller's own token (zero trust). */
@ApplicationScoped
public class Quotes {

    private static final Logger LOG = Logger.getLogger(Quotes.class);

    private final MatchingApi matching;

    public Quotes(@RestClient MatchingApi matching) {
        this.matching = matching;
    }

    public Uni<JsonNode> quote(String bearerToken, ComputeOrder order) {
        return matching.quote("Bearer " + bearerToken, MatcherQuoteRequest.of(order))
                .onFailure()
                .transform(e -> {
                    LOG.warnf("matching-service unavailable for a quote: %s", e.toString());
                    return new ApiProblem(503, "Service Unavailable", null, "cannot quote right now; retry shortly");
                });
    }
}
