package io.flopx.matching.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Scenarios written as tables: a book of offerings before, the fills an order makes, the free devices
 * after. Names stand for ids so the tables read as a trader would write them.
 */
final class BookTables {

    private final MatchingEngine engine;
    private final long hour;
    private final Map<UUID, String> names = new HashMap<>();
    private final Map<String, UUID> offerings = new LinkedHashMap<>();

    BookTables(MatchingEngine engine, long hour) {
        this.engine = engine;
        this.hour = hour;
    }

    UUID id(String name) {
        UUID id = UUID.nameUUIDFromBytes(name.getBytes());
        names.put(id, name);
        return id;
    }

    /**
     * Lists every row of {@code | offering | hub | model | devices | price |}, a day from the scenario's hour;
     * an optional sixth column {@code site} names the site (by default each offering has a site of its own).
     * Returns what the listings traded with resting orders.
     */
    List<EngineEvent> list(String table) {
        List<EngineEvent> events = new ArrayList<>();
        for (List<String> row : rows(table)) {
            offerings.put(row.get(0), id(row.get(0)));
            UUID site = row.size() > 5 ? id("site:" + row.get(5)) : id(row.get(0));
            events.addAll(engine.addOffering(new OfferingSpec(
                    id(row.get(0)),
                    "prov",
                    row.get(2),
                    row.get(1),
                    site,
                    1000,
                    5,
                    "INFINIBAND",
                    700,
                    Map.of(),
                    Integer.parseInt(row.get(3)),
                    hour,
                    hour + 24,
                    Long.parseLong(row.get(4)),
                    "CNY",
                    null)));
        }
        return events;
    }

    /** {@code | order | offering | devices | start | price |}, start in hours from the scenario's hour. */
    String fills(List<EngineEvent> events) {
        StringBuilder out = new StringBuilder("| order | offering | devices | start | price |\n");
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.Fill f) {
                out.append(row(
                        names.get(f.orderId()),
                        names.get(f.offeringId()),
                        f.devices(),
                        "+" + (f.startHour() - hour),
                        f.pricePerDeviceHour()));
            }
        }
        return out.toString();
    }

    /** {@code | offering | free |}: devices free in the scenario's hour, per listed offering. */
    String free() {
        StringBuilder out = new StringBuilder("| offering | free |\n");
        offerings.forEach((name, id) -> {
            int devices = engine.offerings().stream()
                    .filter(o -> o.id().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .devices();
            out.append(row(name, devices - engine.leasedAt(id, hour)));
        });
        return out.toString();
    }

    /** The same table with its cells' spacing normalised, for comparing. */
    static String normalise(String table) {
        return rows(table, false).stream()
                .map(r -> "| " + String.join(" | ", r) + " |")
                .collect(Collectors.joining("\n"));
    }

    private static String row(Object... cells) {
        List<String> out = new ArrayList<>();
        for (Object c : cells) {
            out.add(String.valueOf(c));
        }
        return "| " + String.join(" | ", out) + " |\n";
    }

    private static List<List<String>> rows(String table) {
        return rows(table, true);
    }

    private static List<List<String>> rows(String table, boolean skipHeader) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : trimmed.substring(1, trimmed.length() - 1).split("\\|")) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return skipHeader ? rows.subList(1, rows.size()) : rows;
    }
}
