package io.flopx.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 9457 problem as the exchange answers a refused call: a title, a status, a detail and, for bad input,
 * one error per field ({@code errors[].field}, {@code errors[].message}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {}

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The problem in an answer's body, if the body is one (a proxy's HTML error page is not). */
    public static Optional<Problem> parse(String body) {
        if (body == null || body.isBlank() || body.charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            Problem problem = JSON.readValue(body, Problem.class);
            return problem.title() == null ? Optional.empty() : Optional.of(problem);
        } catch (Exception notAProblem) {
            return Optional.empty();
        }
    }
}
