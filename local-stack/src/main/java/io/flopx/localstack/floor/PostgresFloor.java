package io.flopx.localstack.floor;

import io.flopx.embedded.infra.EmbeddedPostgresServer;
import io.flopx.localstack.floor.FloorBenchmark.Result;
import io.flopx.localstack.floor.FloorBenchmark.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * PostgreSQL transactions shaped like the order path's two, on the local stack's server (zonky's binaries,
 * synchronous commits), one client, JDBC with prepared statements: a placement (one statement inserting the
 * order, its history line and its outbox entry) and a batch of one fill (lock the tenant's funds, look for the
 * order's fills, insert the fill, update the funds, commit: five round trips). The server's CPU is the
 * postmaster and every backend.
 */
final class PostgresFloor {

    private static final String SCHEMA = """
            create table o (id uuid primary key, tenant text, kind text, devices int, price bigint,
                created_at timestamptz, status text, idem text unique, payload text);
            create index on o (tenant, created_at);
            create table h (id bigserial primary key, order_id uuid, status text, at timestamptz);
            create index on h (order_id);
            create table ob (id bigserial primary key, topic text, k text, payload text, created_at timestamptz,
                published_at timestamptz);
            create index on ob (id) where published_at is null;
            create table bp (tenant text primary key, held bigint);
            insert into bp values ('acme', 0);
            create table f (id uuid primary key, order_id uuid, devices int, cost bigint, at timestamptz);
            create index on f (order_id)""";

    private static final String PLACEMENT = """
            with placed as (
                insert into o values (?, 'acme', 'DEVICES', 8, 2500, now(), 'OPEN', ?, ?) returning id),
            history as (insert into h (order_id, status, at) select id, 'OPEN', now() from placed)
            insert into ob (topic, k, payload, created_at) select 'market-commands', 'hub', ?, now() from placed""";

    private final EmbeddedPostgresServer server;
    private final Path dataDir;

    PostgresFloor(EmbeddedPostgresServer server, Path dataDir) throws SQLException {
        this.server = server;
        this.dataDir = dataDir;
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String statement : SCHEMA.split(";")) {
                s.execute(statement);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres",
                server.user(),
                server.password());
    }

    Result placement(Run run) throws Exception {
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement(PLACEMENT)) {
            String order = "x".repeat(300);
            String event = "y".repeat(600);
            return FloorBenchmark.measured(
                    "PostgreSQL: a placement (one statement, three inserts)", run, server(), n -> {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setString(3, order);
                        insert.setString(4, event);
                        insert.executeUpdate();
                    });
        }
    }

    Result fillBatch(Run run) throws Exception {
        try (Connection c = connect();
                PreparedStatement lock = c.prepareStatement("select held from bp where tenant = 'acme' for update");
                PreparedStatement fills = c.prepareStatement("select id from f where order_id = ?");
                PreparedStatement fill = c.prepareStatement("insert into f values (?, ?, 8, 40000, now())");
                PreparedStatement funds = c.prepareStatement("update bp set held = held + 1 where tenant = 'acme'")) {
            c.setAutoCommit(false);
            return FloorBenchmark.measured(
                    "PostgreSQL: a batch of one fill (five round trips, one commit)", run, server(), n -> {
                        UUID order = UUID.randomUUID();
                        lock.executeQuery().close();
                        fills.setObject(1, order);
                        fills.executeQuery().close();
                        fill.setObject(1, UUID.randomUUID());
                        fill.setObject(2, order);
                        fill.executeUpdate();
                        funds.executeUpdate();
                        c.commit();
                    });
        }
    }

    /** The postmaster and every backend (pg_ctl starts it detached: its pid is in the data directory). */
    private long server() throws IOException {
        return Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
    }
}
