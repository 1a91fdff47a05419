package io.flopx.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The columns a table or CSV shows of one kind of row: a header and how to read it from the row. */
final class Columns<T> {

    record Column<T>(String header, Function<T, Object> value) {}

    private final List<Column<T>> columns = new ArrayList<>();

    static <T> Columns<T> of(Class<T> rowType) {
        return new Columns<>();
    }

    Columns<T> add(String header, Function<T, Object> value) {
        columns.add(new Column<>(header, value));
        return this;
    }

    List<Column<T>> list() {
        return columns;
    }
}
