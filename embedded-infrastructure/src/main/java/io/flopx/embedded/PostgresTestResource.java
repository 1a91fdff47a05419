package io.flopx.embedded;

import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.embedded.infra.ExternalPostgresServer;
import io.flopx.embedded.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for a service's tests, with a fresh database per test run.
 * Embedded by default; {@code FLOPX_TEST_PG_JDBC_URL} (with {@code FLOPX_TEST_PG_USER} and
 * {@code FLOPX_TEST_PG_PASSWORD}) points the same tests at a server started elsewhere.
 * Init argument {@code database}: a prefix for the database name.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_JDBC_URL = "FLOPX_TEST_PG_JDBC_URL";

    private String prefix = "flopx";
    private PostgresServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        String external = System.getenv(ENV_JDBC_URL);
        server = external != null && !external.isBlank()
                ? ExternalPostgresServer.fromJdbcUrl(
                        external,
                        System.getenv().getOrDefault("FLOPX_TEST_PG_USER", "postgres"),
                        System.getenv().getOrDefault("FLOPX_TEST_PG_PASSWORD", "postgres"))
                : EmbeddedPostgresServer.start(null, 0);
        String database = prefix + "_test_" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedPostgresServer.createDatabaseIfMissing(server, database);
        return Map.of(
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.reactive.url", server.reactiveUrl(database));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
