package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Latency of a load phase, from the records the exchange keeps: when each order was due and accepted (the
 * driver), when order-service stored it and its outbox published it, when the sequencer put it on
 * market-commands, when the matcher's first FILL for it reached market-events (broker timestamps), and when
 * order-service recorded that fill (what the enterprise then reads). Percentiles with HdrHistogram, in
 * microseconds; every clock is this machine's.
 */
public final class LatencyReport {

    /** p50, p99, p99.9 and max in microseconds, over {@code count} values. */
    public record Percentiles(long p50, long p99, long p999, long max, long count) {
        static Percentiles of(Histogram h) {
            return new Percentiles(
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9),
                    h.getMaxValue(),
                    h.getTotalCount());
        }

        String millis() {
            return "p50 %s  p99 %s  p99.9 %s  max %s ms (n=%,d)".formatted(ms(p50), ms(p99), ms(p999), ms(max), count);
        }

        static String ms(long micros) {
            return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
        }
    }

    /** What one load phase measured. Hops are in order along the path. */
    public record Result(
            double rate,
            double achievedRate,
            long accepted,
            long marketable,
            long filled,
            Percentiles acceptedToFill,
            Percentiles dueToFill,
            Percentiles placement,
            Map<String, Percentiles> hops) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyReport() {}

    static Result analyse(List<OpenLoopDriver.Placement> placements, StackProbe probe, double rate, double seconds)
            throws Exception {
        Map<String, Long> created = new HashMap<>();
        Map<String, Long> firstFill = new HashMap<>();
        try (Connection c = probe.database("orders")) {
            Array ids = c.createArrayOf(
                    "uuid",
                    placements.stream().map(p -> UUID.fromString(p.orderId())).toArray());
            try (PreparedStatement q =
                    c.prepareStatement("select id::text, created_at from compute_order where id = any(?)")) {
                q.setArray(1, ids);
                read(q, created);
            }
            try (PreparedStatement q = c.prepareStatement(
                    "select order_id::text, min(recorded_at) from fill where order_id = any(?) group by order_id")) {
                q.setArray(1, ids);
                read(q, firstFill);
            }
        }
        // When each placement reached Kafka: its record's timestamp (the producer's, when it sent it), not
        // the outbox's published_at, which is when the relay got round to marking it.
        Map<String, Long> published = new HashMap<>();
        PublishedPlacements.read(probe).forEach((id, millis) -> published.put(id, millis * 1000));
        Map<String, Long> commanded = new HashMap<>();
        for (ConsumerRecord<String, String> record : probe.readAll("market-commands")) {
            JsonNode command = JSON.readTree(record.value());
            if (command.path("kind").asText().equals("ORDER")) {
                JsonNode order = JSON.readTree(command.path("payload").asText());
                if (order.path("type").asText().equals("ORDER_PLACED")) {
                    commanded.merge(order.path("orderId").asText(), record.timestamp() * 1000, Math::min);
                }
            }
        }
        Map<String, Long> fillEvent = new HashMap<>();
        for (ConsumerRecord<String, String> record : probe.readAll("market-events")) {
            JsonNode event = JSON.readTree(record.value());
            if (event.path("type").asText().equals("FILL")) {
                fillEvent.merge(event.path("orderId").asText(), record.timestamp() * 1000, Math::min);
            }
        }

        Histogram acceptedToFill = histogram();
        Histogram dueToFill = histogram();
        Histogram placement = histogram();
        Map<String, Histogram> hops = new LinkedHashMap<>();
        for (String hop : List.of(
                "1 gateway + order-service: due -> 201 Accepted",
                "2 outbox relay: order stored -> published (order-events; one hub: market-commands)",
                "3 Kafka + sequencer: published -> on market-commands (0 for one hub)",
                "4 Kafka + matcher: on market-commands -> FILL on market-events",
                "5 Kafka + order-service: FILL on market-events -> fill recorded")) {
            hops.put(hop, histogram());
        }
        long marketable = 0;
        long filled = 0;
        for (OpenLoopDriver.Placement p : placements) {
            placement.recordValue(Math.max(0, p.acceptedMicros() - p.dueMicros()));
            Long fill = firstFill.get(p.orderId());
            if (!p.marketable()) {
                continue;
            }
            marketable++;
            if (fill == null) {
                continue;
            }
            filled++;
            // A fill can be recorded before the 201 reaches the client: that order waited 0 for its fill.
            acceptedToFill.recordValue(Math.max(0, fill - p.acceptedMicros()));
            dueToFill.recordValue(Math.max(0, fill - p.dueMicros()));
            Long[] path = {
                p.dueMicros(),
                p.acceptedMicros(),
                created.get(p.orderId()),
                published.get(p.orderId()),
                commanded.get(p.orderId()),
                fillEvent.get(p.orderId()),
                fill
            };
            int i = 0;
            for (Histogram hop : hops.values()) {
                Long from = i == 0 ? path[0] : path[i + 1];
                Long to = i == 0 ? path[1] : path[i + 2];
                if (from != null && to != null) {
                    hop.recordValue(Math.max(0, to - from));
                }
                i++;
            }
        }
        Map<String, Percentiles> hopPercentiles = new LinkedHashMap<>();
        hops.forEach((k, v) -> hopPercentiles.put(k, Percentiles.of(v)));
        return new Result(
                rate,
                placements.size() / seconds,
                placements.size(),
                marketable,
                filled,
                Percentiles.of(acceptedToFill),
                Percentiles.of(dueToFill),
                Percentiles.of(placement),
                hopPercentiles);
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    private static void read(PreparedStatement q, Map<String, Long> into) throws Exception {
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                into.put(rs.getString(1), micros(rs.getTimestamp(2)));
            }
        }
    }

    private static long micros(Timestamp t) {
        return t.getTime() / 1000 * 1_000_000 + t.getNanos() / 1000;
    }
}
