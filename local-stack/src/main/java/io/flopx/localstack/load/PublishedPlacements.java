package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where order-service published each placement: on {@code order-events} (keyed by order id), or, for an order
 * naming one hub, straight on {@code market-commands} as a command of its own (hop 0, naming no input record:
 * the sequencer's commands name the order-events record they came from).
 */
final class PublishedPlacements {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedPlacements() {}

    /** Per order id, when its ORDER_PLACED was first published (its record's timestamp, epoch milliseconds). */
    static Map<String, Long> read(StackProbe probe) throws Exception {
        Map<String, Long> published = new HashMap<>();
        for (ConsumerRecord<String, String> record : probe.readAll("order-events")) {
            JsonNode event = JSON.readTree(record.value());
            if (event.path("type").asText().equals("ORDER_PLACED")) {
                published.merge(event.path("orderId").asText(), record.timestamp(), Math::min);
            }
        }
        for (ConsumerRecord<String, String> record : probe.readAll("market-commands")) {
            if (record.value() == null || !record.value().contains("ORDER_PLACED")) {
                continue;
            }
            JsonNode command = JSON.readTree(record.value());
            if (command.path("kind").asText().equals("ORDER")
                    && command.path("hop").asInt(0) == 0
                    && !command.hasNonNull("input")
                    && !command.hasNonNull("leg")) {
                JsonNode order = JSON.readTree(command.path("payload").asText());
                if (order.path("type").asText().equals("ORDER_PLACED")) {
                    published.merge(order.path("orderId").asText(), record.timestamp(), Math::min);
                }
            }
        }
        return published;
    }
}
