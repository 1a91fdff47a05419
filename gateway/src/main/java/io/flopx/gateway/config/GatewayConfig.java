package io.flopx.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the gateway routes and how long it waits. */
@ConfigMapping(prefix = "flopx.gateway")
public interface GatewayConfig {

    /** Base URL of catalog-service (models, hubs, offerings, leases). */
    @WithDefault("http://localhost:8081")
    String catalogUrl();

    /** Base URL of order-service (orders). */
    @WithDefault("http://localhost:8082")
    String orderUrl();

    /** Base URL of matching-service (market data). */
    @WithDefault("http://localhost:8083")
    String matchingUrl();

    /** Base URL of settlement-service (accounts, the ledger). */
    @WithDefault("http://localhost:8084")
    String settlementUrl();

    /** How long a call to a service may take before the caller gets a 503. */
    @WithDefault("5s")
    Duration upstreamTimeout();

    /** Connections kept open to each service: as many calls to it at once; more wait for one of them. */
    @WithDefault("64")
    int maxConnections();

    /**
     * Calls that may wait for a connection to a service; one more is answered 503 at once (the service is at
     * capacity, retry shortly) instead of waiting behind them for seconds. It does not count as a failure of the
     * service: its circuit stays closed, and its other calls (reads) go on.
     */
    @WithDefault("32")
    int maxQueued();

    /** Largest request body accepted; larger ones get 413. */
    @WithDefault("262144")
    long maxBodyBytes();

    /** The operators' dashboard: the one browser origin CORS lets call the API. */
    @WithDefault("http://localhost:8080")
    String dashboardOrigin();

    /** Writes (POST, PUT, PATCH, DELETE, quotes included) one tenant may make in any rolling minute; then 429. */
    @WithDefault("600")
    int writesPerMinute();

    /** Requests with refused credentials (401) one client address may make in a minute; then 429 until it ends. */
    @WithDefault("120")
    int refusedPerMinute();

    /**
     * Client addresses never turned away for refused credentials (trusted probes, a test harness); none by
     * default.
     */
    Optional<List<String>> refusedExempt();

    /** Consecutive-ish failures that open a service's circuit: out of this many recent calls... */
    @WithDefault("8")
    int circuitVolume();

    /** ...this share failing (connection refused, reset, timed out). */
    @WithDefault("0.5")
    double circuitFailureRatio();

    /** How long an open circuit answers 503 at once before letting a trial call through. */
    @WithDefault("5s")
    Duration circuitDelay();

    /**
     * Event streams (Server-Sent Events, such as {@code /api/market/stream}) relayed at once, over their own
     * connections to the services; one more gets 503 until another ends.
     */
    @WithDefault("256")
    int maxStreams();

    /** A relayed stream that brings nothing for this long is closed (the services send at least every 15 s). */
    @WithDefault("60s")
    Duration streamIdleTimeout();
}
