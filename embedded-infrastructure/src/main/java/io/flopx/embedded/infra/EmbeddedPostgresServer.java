package io.flopx.embedded.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central. With a data directory
 * the cluster survives restarts; without one it lives in a temporary directory and is deleted on close.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    /**
     * A system property: when "true", the server preloads {@code pg_stat_statements} (the load harness's
     * {@code --statements}, to see what PostgreSQL spends per order, statement by statement).
     */
    public static final String STATEMENT_STATS = "flopx.postgres.statement-stats";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives (kept across runs), or null for a throw-away cluster
     * @param port the port on loopback, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(FreePorts.orFree(port))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (Boolean.getBoolean(STATEMENT_STATS)) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (dataDir != null) {
                // A kept cluster (the local stack) must keep what it acknowledged across a crash: zonky turns
                // synchronous_commit off for speed, and then a killed server loses its last commits (the
                // fault suite found accepted orders missing after kill -9 of PostgreSQL).
                // After a kill -9 it replays its WAL first: under load on two cores that can outlast zonky's
                // default 10 s wait, which then fails the start although the server comes up.
                builder.setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setServerConfig("synchronous_commit", "on")
                        .setPGStartupWait(java.time.Duration.ofSeconds(120));
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the database unless it exists. */
    public static void createDatabaseIfMissing(PostgresServer server, String database) {
        try (Connection c = server.connect("postgres")) {
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                q.setString(1, database);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                // The name is ours (letters, digits, underscores), never user input.
                s.execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }
}
