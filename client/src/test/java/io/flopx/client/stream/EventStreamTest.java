package io.flopx.client.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.client.invoker.ApiClient;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream format as servers write it: ids, comments, data over several lines, an unfinished last event. */
class EventStreamTest {

    @Test
    void eachEventsDataIsOneDocumentHandedOnWhenTheEventEnds() throws Exception {
        String wire = """
                : a comment keeps the connection alive

                id: 1
                data:{"n":1}

                event: frame
                data: {"n":
                data: 2}

                data: {"n":3}
                """; // the last event has no empty line after it: it never ended, so it is not handed on
        List<JsonNode> events = new ArrayList<>();
        new EventStream<>(new ApiClient(), JsonNode.class)
                .dispatch(new BufferedReader(new StringReader(wire)), new ObjectMapper(), events::add);
        assertEquals(
                List.of(1, 2), events.stream().map(e -> e.path("n").asInt()).toList());
    }
}
