package io.flopx.gateway.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consumer lag as each service's Kafka clients report it: the Micrometer Kafka binder publishes the
 * consumer's {@code records-lag} per assigned partition (how far its position is behind the end of the log,
 * as of its last fetch) in the Prometheus text at {@code /q/metrics}, the same figures Prometheus scrapes for
 * Grafana. One row per service, channel, topic and partition; the channel is the SmallRye client id without
 * its {@code kafka-consumer-} prefix.
 */
final class ConsumerLagMetrics {

    static final String METRIC = "kafka_consumer_fetch_manager_records_lag";

    private static final Pattern LINE = Pattern.compile("^" + METRIC + "\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String CLIENT_PREFIX = "kafka-consumer-";

    private ConsumerLagMetrics() {}

    /** The lag rows in one service's Prometheus text, sorted by group, topic and partition. */
    static List<Map<String, Object>> parse(String service, String prometheusText) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Matcher line = LINE.matcher(prometheusText);
        while (line.find()) {
            double value;
            try {
                value = Double.parseDouble(line.group(2));
            } catch (NumberFormatException e) {
                continue;
            }
            if (Double.isNaN(value) || value < 0) {
                continue; // a partition the client has not fetched yet
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(line.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String client = labels.getOrDefault("client_id", "?");
            String channel = client.startsWith(CLIENT_PREFIX) ? client.substring(CLIENT_PREFIX.length()) : client;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", service + "/" + channel);
            row.put("topic", labels.getOrDefault("topic", "?"));
            row.put("partition", Integer.parseInt(labels.getOrDefault("partition", "-1")));
            row.put("lag", (long) value);
            rows.add(row);
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("group"))
                .thenComparing(r -> (String) r.get("topic"))
                .thenComparing(r -> (Integer) r.get("partition")));
        return rows;
    }
}
