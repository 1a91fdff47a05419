package io.flopx.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;


/**
 * Turns client mistakes into RFC 9457 problem details ({@code application/problem+json}) that name the
 * field at fault, so no client error ever surfaces as a bare status or a 500.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e) {
        Response response = problem(e.status(), e.title(), e.getMessage(), e.field() == null ? List.of()
                : List.of(fieldError(e.field(), e.getMessage())));
        if (!e.extensions().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) response.getEntity();
            body.putAll(e.extensions());
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(fieldError(leafName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort((a, b) -> a.get("field").compareTo(b.get("field")));
        String detail = errors.stream().map(x -> x.get("field") + " " + x.get("message")).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return problem(400, "Bad Request", detail, errors);
    }

    /** More specific than Quarkus' own mapper for this type, which answers in a shape of its own. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("body");
            return problem(400, "Bad Request", field + " has the wrong type or format",
                    List.of(fieldError(field, "wrong type or format")));
        }
        return problem(400, "Bad Request", "the body is not valid JSON", List.of(fieldError("body", "not valid JSON")));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps body-reading failures; unwrap them to name the field.
            return unreadable(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of());
    }

    private static String leafName(Path path) {
        String leaf = null;
        for (Path.Node node : path) {
            leaf = node.getName();
        }
        return leaf == null ? "body" : leaf;
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static Response problem(int status, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
