package io.flopx.order.client;

import io.flopx.order.domain.Precision;
import io.flopx.support.ApiProblem;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The accelerator models and hubs that exist, read from catalog-service with the caller's own token
 * (zero trust: no service account needed): orders are validated against them. Kept in the Quarkus cache
 * {@code reference-data} for a minute ({@code quarkus.cache.caffeine."reference-data".expire-after-write});
 * placements arriving together while it is cold share one read. If the catalog cannot be reached when the
 * cache has expired, the last copy read is used (models and hubs change rarely, and orders naming ones it
 * lacks are refused, never accepted wrongly); only with no copy at all is the answer 503.
 */
@ApplicationScoped
public class ReferenceData {

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);
    private static final String KEY = "known";

    /** What exists: the models (by id, each with its peak per precision) and the hub ids. */
    public record Known(Map<String, Map<Precision, Long>> models, Set<String> hubs, Instant fetchedAt) {

        /**
         * The largest peak at {@code precision} among {@code models} (every known model when empty), in GFLOPS;
         * 0 when none has one.
         */
        public long largestPeak(Precision precision, Collection<String> ids) {
            Collection<String> among = ids.isEmpty() ? models.keySet() : ids;
            long largest = 0;
            for (String model : among) {
                Long peak = models.getOrDefault(model, Map.of()).get(precision);
                if (peak != null) {
                    largest = Math.max(largest, peak);
                }
            }
            return largest;
        }
    }

    private final CatalogApi catalog;
    private final Cache cache;
    /** The last copy read, kept past the cache's expiry: the fallback while the catalog is away. */
    private final AtomicReference<Known> lastRead = new AtomicReference<>();

    public ReferenceData(@RestClient CatalogApi catalog, @CacheName("reference-data") Cache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    /** Forgets what was read, so the next order asks the catalog again (tests of a cold start). */
    public void forget() {
        lastRead.set(null);
        cache.invalidateAll().await().indefinitely();
    }

    public Uni<Known> known(String bearerToken) {
        return cache.getAsync(KEY, key -> read(bearerToken)).onFailure().recoverWithUni(e -> {
            Known stale = lastRead.get();
            if (stale != null) {
                LOG.warnf(
                        "catalog-service unavailable for reference data, using the copy read at %s: %s",
                        stale.fetchedAt(), e.toString());
                return Uni.createFrom().item(stale);
            }
            LOG.warnf("catalog-service unavailable for reference data: %s", e.toString());
            return Uni.createFrom()
                    .failure(new ApiProblem(
                            503, "Service Unavailable", null, "cannot check models and hubs right now; retry shortly"));
        });
    }

    private Uni<Known> read(String bearerToken) {
        String authorization = "Bearer " + bearerToken;
        return catalog.models(authorization)
                .chain(models -> catalog.hubs(authorization)
                        .map(hubs -> new Known(
                                models.stream()
                                        .collect(Collectors.toUnmodifiableMap(
                                                CatalogApi.ModelRef::id, CatalogApi.ModelRef::peaks, (a, b) -> a)),
                                hubs.stream().map(CatalogApi.HubRef::id).collect(Collectors.toUnmodifiableSet()),
                                Instant.now())))
                .invoke(lastRead::set);
    }
}
