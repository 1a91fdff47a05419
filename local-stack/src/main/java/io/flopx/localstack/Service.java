package io.flopx.localstack;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** One FlopX service as the stack runs it: its module, its port and its configuration. */
public enum Service {
    CATALOG("catalog-service", StackConfig::catalogPort, true, c -> database(c, "catalog")),
    ORDER("order-service", StackConfig::orderPort, true, c -> {
        Map<String, String> props = new TreeMap<>(database(c, "orders"));
        props.put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + c.catalogPort());
        props.put("quarkus.rest-client.matching.url", "http://127.0.0.1:" + c.matchingPort());
        return props;
    }),
    MATCHING("matching-service", StackConfig::matchingPort, true, c -> Map.of()),
    SETTLEMENT("settlement-service", StackConfig::settlementPort, true, c -> database(c, "settlement")),
    // The gateway faces the internet and has no Kafka client: it is not given Kafka's address.
    GATEWAY(
            "gateway",
            StackConfig::gatewayPort,
            false,
            c -> Map.of(
                    "flopx.gateway.catalog-url", "http://127.0.0.1:" + c.catalogPort(),
                    "flopx.gateway.order-url", "http://127.0.0.1:" + c.orderPort(),
                    "flopx.gateway.matching-url", "http://127.0.0.1:" + c.matchingPort(),
                    "flopx.gateway.settlement-url", "http://127.0.0.1:" + c.settlementPort()));

    final String module;
    private final Function<StackConfig, Integer> port;
    private final boolean usesKafka;
    private final Function<StackConfig, Map<String, String>> own;

    Service(
            String module,
            Function<StackConfig, Integer> port,
            boolean usesKafka,
            Function<StackConfig, Map<String, String>> own) {
        this.module = module;
        this.port = port;
        this.usesKafka = usesKafka;
        this.own = own;
    }

    /**
     * System property: without a collector, still carry trace ids through headers (the tests that follow an
     * order's trace set it); otherwise the local stack runs without tracing unless
     * {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} names a collector.
     */
    public static final String TRACE_IDS = "flopx.local.trace-ids";

    int port(StackConfig config) {
        return port.apply(config);
    }

    /** System properties for the service's JVM: what every service needs, then its own. */
    public Map<String, String> properties(StackConfig config, String kafkaBootstrap) {
        Map<String, String> props = new TreeMap<>(own.apply(config));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", String.valueOf(port(config)));
        props.put("quarkus.oidc.auth-server-url", config.realmUrl());
        if (usesKafka) {
            props.put("kafka.bootstrap.servers", kafkaBootstrap);
        }
        // No trace collector runs in the local stack unless one is given: then export failures are noise.
        String otlp = System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        if (otlp == null) {
            props.put("quarkus.log.category.\"io.quarkus.opentelemetry.runtime.exporter\".level", "ERROR");
            if (Boolean.getBoolean(TRACE_IDS)) {
                // Trace ids carried through HTTP and Kafka headers, spans recorded only when a caller asks.
                props.put("quarkus.otel.traces.sampler.arg", "0");
            } else {
                // Nobody would read the spans: no tracing at all. Even unsampled, the instrumentation costs a
                // few per cent of every service's CPU (span names from each SQL statement, attributes of each
                // request), per order, for nothing.
                props.put("quarkus.otel.sdk.disabled", "true");
            }
        }
        return props;
    }

    /** SmallRye Config's rule: every character that is not a letter or digit becomes '_', then upper case. */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, String> database(StackConfig c, String name) {
        String hostPort = "localhost:" + c.postgresPort() + "/" + name;
        return Map.of(
                "quarkus.datasource.reactive.url",
                "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres");
    }
}
