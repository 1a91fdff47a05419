package io.flopx.cli;

/** How a command prints what it got: a table for people, JSON and CSV for programs. */
public enum Format {
    table,
    json,
    csv
}
