package io.flopx.order.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.flopx.support.ApiProblem;
import io.smallrye.mutiny.Uni;

/**
 * The accelerator models and hubs that exist, read from catalog-service with the caller's own token
 * (zero trust: no service account needed) and kept for a minute: orders are validated against them.
 */
@ApplicationScoped
public class ReferenceData {

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);

    /** What exists: model ids and hub ids. */
    public record Known(Set<String> models, Set<String> hubs, Instant fetchedAt) {
    }

    private final CatalogApi catalog;
    private final AtomicReference<Known> cached = new AtomicReference<>();

    public ReferenceData(@RestClient CatalogApi catalog) {
        this.catalog = catalog;
    }

    /** Forgets what was read, so the next order asks the catalog again (tests of a cold start). */
    public void forget() {
        cached.set(null);
    }

    public Uni<Known> known(String bearerToken) {
        Known current = cached.get();
        if (current != null && current.fetchedAt().plus(FRESH_FOR).isAfter(Instant.now())) {
            return Uni.createFrom().item(current);
        }
        String authorization = "Bearer " + bearerToken;
        return catalog.models(authorization)
                .chain(models -> catalog.hubs(authorization).map(hubs -> new Known(
                        models.stream().map(CatalogApi.ModelRef::id).collect(Collectors.toUnmodifiableSet()),
                        hubs.stream().map(CatalogApi.HubRef::id).collect(Collectors.toUnmodifiableSet()),
                        Instant.now())))
                .invoke(cached::set)
                .onFailure().transform(e -> {
                    LOG.warnf("catalog-service unavailable for reference data: %s", e.toString());
                    return new ApiProblem(503, "Service Unavailable", null,
                            "cannot check models and hubs right now; retry shortly");
                });
    }
}
