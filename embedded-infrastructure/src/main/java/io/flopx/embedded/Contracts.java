package io.flopx.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON fixtures that pin each Kafka event's shape between its producer and its consumers
 * ({@code contracts/*.json}). A producer test checks it writes exactly the fixture's fields; a consumer
 * test checks it reads the fixture. A change on one side that the other would not understand fails both.
 */
public final class Contracts {

    public static final String OFFERING_LISTED = "offering-listed.json";
    public static final String ORDER_PLACED = "order-placed.json";
    public static final String MARKET_FILL = "market-fill.json";
    public static final String MARKET_ORDER_RESTING = "market-order-resting.json";
    /** lease-events: a fill the capacity ledger refused (catalog-service writes it, order-service reads it). */
    public static final String FILL_REFUSED = "fill-refused.json";
    /** funding-events: a tenant's funding (settlement-service writes it, order-service reads it). */
    public static final String FUNDING_CHANGED = "funding-changed.json";
    /** funding-events: a compute voucher issued (settlement-service writes it, order-service reads it). */
    public static final String VOUCHER_ISSUED = "voucher-issued.json";
    /** voucher-draws: what a fill drew from its buyer's vouchers (order-service writes it, settlement reads it). */
    public static final String VOUCHER_DRAWN = "voucher-drawn.json";
    /** settlement-service -> delivery-events (a lease's delivery summary), read by reliability scores. */
    public static final String LEASE_DELIVERY = "lease-delivery.json";

    private Contracts() {}

    public static String fixture(String name) {
        try (InputStream in = Contracts.class.getResourceAsStream("/contracts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level field names of a JSON object. */
    public static Set<String> fieldNames(ObjectMapper mapper, String json) {
        try {
            JsonNode node = mapper.readTree(json);
            Set<String> names = new TreeSet<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
