package io.flopx.embedded.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL server reachable over TCP: embedded, or started elsewhere. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String user();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** The URL form the Quarkus reactive PostgreSQL client expects. */
    default String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    @Override
    void close();
}
