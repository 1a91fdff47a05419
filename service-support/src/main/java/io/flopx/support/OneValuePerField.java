package io.flopx.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A field named twice in one JSON object ({@code {"devices":1,"devices":50}}) is a 400 problem naming it. Jackson
 * would otherwise keep the last value silently, while a proxy, a log or the client's own code may read the first:
 * one request, two meanings. The check costs a small set per object read.
 */
@Singleton
public class OneValuePerField implements ObjectMapperCustomizer {

    private static final String DUPLICATE = "Duplicate field";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * The repeated field's path ({@code devices}, {@code lines[1].devices}) if {@code failure} is a repeat, else
     * empty. The parser has read nothing since, so its context is where the repeat is.
     */
    static Optional<String> repeatedField(Throwable failure) {
        // Inside an object being bound the parser's failure arrives wrapped (in a JsonMappingException).
        Throwable t = failure;
        while (t != null && !(t instanceof StreamReadException)) {
            t = t.getCause();
        }
        if (!(t instanceof StreamReadException e)
                || e.getOriginalMessage() == null
                || !e.getOriginalMessage().startsWith(DUPLICATE)
                || e.getProcessor() == null) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>(); // outermost first
        for (JsonStreamContext c = e.getProcessor().getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            segments.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : String.valueOf(c.getCurrentName()));
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (!path.isEmpty() && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return Optional.of(path.toString());
    }
}
