package io.flopx.embedded.infra;

import java.net.URI;

/** A PostgreSQL server started elsewhere, named by a {@code jdbc:postgresql://host:port/…} URL. */
public record ExternalPostgresServer(String host, int port, String user, String password) implements PostgresServer {

    public static ExternalPostgresServer fromJdbcUrl(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return new ExternalPostgresServer(uri.getHost(), port, user, password);
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
