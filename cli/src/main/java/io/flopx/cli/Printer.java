package io.flopx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints rows as the user asked: an aligned table (times in UTC to the minute), JSON exactly as the API
 * answered (the generated models serialise to the API's own field names), or CSV (RFC 4180) with the
 * table's columns, for spreadsheets and scripts.
 */
final class Printer {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");

    private final Format format;
    private final PrintWriter out;
    private final ObjectMapper json;

    Printer(Format format, PrintWriter out, ObjectMapper json) {
        this.format = format;
        this.out = out;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    Format format() {
        return format;
    }

    <T> void rows(Collection<T> rows, Columns<T> columns) {
        switch (format) {
            case json -> json(rows);
            case csv -> csv(rows, columns);
            case table -> table(rows, columns);
        }
        out.flush();
    }

    <T> void one(T row, Columns<T> columns) {
        if (format == Format.json) {
            json(row);
            out.flush();
        } else {
            rows(List.of(row), columns);
        }
    }

    /** A line for people only: tables get it, JSON and CSV stay parseable. */
    void note(String line) {
        if (format == Format.table) {
            out.println(line);
            out.flush();
        }
    }

    void json(Object value) {
        try {
            out.println(json.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    private <T> void table(Collection<T> rows, Columns<T> columns) {
        List<Columns.Column<T>> cols = columns.list();
        List<String[]> cells = new ArrayList<>();
        cells.add(cols.stream().map(Columns.Column::header).toArray(String[]::new));
        for (T row : rows) {
            cells.add(cols.stream().map(c -> text(c.value().apply(row))).toArray(String[]::new));
        }
        int[] width = new int[cols.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                b.append(i == line.length - 1 ? line[i] : pad(line[i], width[i] + 2));
            }
            out.println(b.toString().stripTrailing());
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }

    private <T> void csv(Collection<T> rows, Columns<T> columns) {
        List<Columns.Column<T>> cols = columns.list();
        out.print(cols.stream().map(c -> csvCell(c.header())).collect(Collectors.joining(",")) + "\r\n");
        for (T row : rows) {
            out.print(cols.stream()
                            .map(c -> csvCell(text(c.value().apply(row))))
                            .collect(Collectors.joining(","))
                    + "\r\n");
        }
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime t) {
            return MINUTES.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof Instant t) {
            return MINUTES.format(t.atOffset(ZoneOffset.UTC));
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Printer::text).collect(Collectors.joining(" "));
        }
        return value.toString();
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
