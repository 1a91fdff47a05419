package io.flopx.catalog.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Business metrics of the provider side, on /q/metrics: offerings listed, fills recorded as leases, fills refused. */
// Created at start-up, so that its meters exist (at zero) before the first event.
@Startup
@ApplicationScoped
public class CatalogMetrics {

    private final Counter listed;
    private final Counter leases;
    private final Counter conflicts;

    public CatalogMetrics(MeterRegistry registry) {
        listed = Counter.builder("flopx.offerings.listed")
                .description("offerings listed")
                .register(registry);
        leases = Counter.builder("flopx.leases.recorded")
                .description("fills recorded as leases")
                .register(registry);
        conflicts = Counter.builder("flopx.lease.conflicts")
                .description("fills the capacity ledger refused (kept as conflicts)")
                .register(registry);
    }

    void listed() {
        listed.increment();
    }

    void leasesRecorded(int count) {
        leases.increment(count);
    }

    void conflict() {
        conflicts.increment();
    }
}
