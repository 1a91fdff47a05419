package io.flopx.localstack.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What PostgreSQL spent per order, statement by statement, from {@code pg_stat_statements} (preloaded when the
 * harness profiles: {@code EmbeddedPostgresServer.STATEMENT_STATS}). PostgreSQL's CPU per order is a
 * fifth of the exchange's; this says which statements it goes to and how many of each an order costs.
 */
final class StatementStats {

    private final StackProbe probe;

    StatementStats(StackProbe probe) {
        this.probe = probe;
    }

    /** Forgets what was counted so far: called as a phase starts. */
    void reset() {
        try (Connection c = probe.database("postgres");
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements is not loaded (start with --profile)", e);
        }
    }

    /** The {@code top} statements by execution time since {@link #reset()}, as markdown table rows, per order. */
    List<String> top(int top, long orders) {
        List<String> rows = new ArrayList<>();
        rows.add("| database | calls / order | µs / call | exec ms / order | rows / call | statement |");
        rows.add("| --- | --- | --- | --- | --- | --- |");
        String sql = """
                select d.datname, s.calls, s.total_exec_time, s.rows,
                       regexp_replace(s.query, '\\s+', ' ', 'g')
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where d.datname in ('orders', 'catalog', 'settlement')
                order by s.total_exec_time desc limit %d""".formatted(top);
        try (Connection c = probe.database("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            double perOrder = Math.max(1, orders);
            while (rs.next()) {
                long calls = rs.getLong(2);
                double totalMs = rs.getDouble(3);
                String text = rs.getString(5).replace("|", "\\|"); // a markdown table cell
                rows.add(String.format(
                        Locale.ROOT,
                        "| %s | %.2f | %.0f | %.3f | %.1f | `%s` |",
                        rs.getString(1),
                        calls / perOrder,
                        calls == 0 ? 0 : totalMs * 1000 / calls,
                        totalMs / perOrder,
                        calls == 0 ? 0 : (double) rs.getLong(4) / calls,
                        text.length() > 140 ? text.substring(0, 140) + "…" : text));
            }
        } catch (SQLException e) {
            rows.add("(pg_stat_statements not readable: " + e.getMessage() + ")");
        }
        return rows;
    }
}
