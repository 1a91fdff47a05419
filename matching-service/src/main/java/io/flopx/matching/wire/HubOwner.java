package io.flopx.matching.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * Which matcher instance owns a hub's market now, published on {@code market-data} (key {@code owner|hub}) by
 * the instance when the hub's partition comes to it: where another instance asks for that hub's part of a
 * quote. {@code url} is the owner's HTTP address as its peers reach it ({@code flopx.matching.advertised-url}).
 */
// A tolerant reader: producers may add fields (HTTP request bodies, by contrast, are strict).
@JsonIgnoreProperties(ignoreUnknown = true)
public record HubOwner(String type, String hub, String url, Instant at) {

    public static final String TYPE = "HUB_OWNER";

    public String key() {
        return "owner|" + hub;
    }
}
