package io.flopx.support;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Recognises a failure that means "the database cannot be reached right now" (connection refused, closed
 * or timed out, the server shutting down or starting up), wherever the reactive client, Hibernate or
 * Mutiny wrapped it: such a request is answered 503 with Retry-After, not 500, and changed nothing.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    public static boolean isCause(Throwable failure) {
        return isCause(failure, 0);
    }

    /** {@code depth}: how far into causes and suppressed failures this looks already (a cycle ends at 20 too). */
    private static boolean isCause(Throwable failure, int depth) {
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return true;
            }
            String type = t.getClass().getSimpleName();
            if (type.equals("ClosedConnectionException") || type.equals("ConnectTimeoutException")) {
                return true;
            }
            String state = sqlState(t);
            // 08: connection exception; 57P01-57P03: the server is shutting down, crashed or starting up.
            if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("connection refused")
                    || message.contains("connection was closed")
                    || message.contains("connection is closed")
                    // The reactive client, on a connection the server's crash closed under it:
                    || message.contains("connection is not active now")
                    || message.contains("the underlying connection may have been lost")
                    || message.contains("timeout while waiting for connection")
                    || message.contains("the database system is")) {
                return true;
            }
            // Mutiny's CompositeException (a failure, then its rollback's) keeps the first as its cause and
            // the others as suppressed.
            for (Throwable other : t.getSuppressed()) {
                if (isCause(other, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SQLSTATE of a PostgreSQL error (PgException, SQLException), if the failure carries one. */
    private static String sqlState(Throwable t) {
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        if (!t.getClass().getSimpleName().equals("PgException")) {
            return null;
        }
        try {
            Method m = t.getClass().getMethod("getSqlState");
            return (String) m.invoke(t);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
