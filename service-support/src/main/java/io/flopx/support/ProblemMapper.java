package io.flopx.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Turns client mistakes into RFC 9457 problem details ({@code application/problem+json}) that name the
 * field at fault, so no client error ever surfaces as a bare status or a 500.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** How long a client should wait before retrying while the database is away. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e) {
        Response response = problem(
                e.status(),
                e.title(),
                e.getMessage(),
                e.field() == null ? List.of() : List.of(fieldError(e.field(), e.getMessage())));
        if (!e.extensions().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) response.getEntity();
            body.putAll(e.extensions());
        }
        if (e.status() == 503) {
            return Response.fromResponse(response)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        return response;
    }

    /**
     * The constraints a well-formed value can still fail: a number or a size out of its range, or a currency that is
     * not money (as an unknown model or hub is a 422).
     */
    private static final Set<Class<? extends Annotation>> RANGES = Set.of(
            Min.class,
            Max.class,
            DecimalMin.class,
            DecimalMax.class,
            Digits.class,
            Positive.class,
            PositiveOrZero.class,
            Size.class,
            IsoCurrency.class);

    /**
     * 422 when every violation is a value out of its documented range (a number too large, too small, too
     * precise; a list too long), 400 when something is malformed or missing.
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        boolean outOfRange = true;
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(fieldError(leafName(v.getPropertyPath()), v.getMessage()));
            outOfRange &=
                    RANGES.contains(v.getConstraintDescriptor().getAnnotation().annotationType());
        }
        errors.sort((a, b) -> a.get("field").compareTo(b.get("field")));
        String detail = errors.stream()
                .map(x -> x.get("field") + " " + x.get("message"))
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return outOfRange && !errors.isEmpty()
                ? problem(422, "Unprocessable Content", detail, errors)
                : problem(400, "Bad Request", detail, errors);
    }

    /** More specific than Quarkus' own mapper for this type, which answers in a shape of its own. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        var repeated = OneValuePerField.repeatedField(e);
        if (repeated.isPresent()) {
            return problem(
                    400,
                    "Bad Request",
                    repeated.get() + " is given twice; give each field once",
                    List.of(fieldError(repeated.get(), "given twice")));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return problem(
                    400,
                    "Bad Request",
                    field + " is not a field of this request",
                    List.of(fieldError(field, "unknown field")));
        }
        if (e instanceof InputCoercionException) {
            // A number beyond what the field can hold at all (say 1e20 devices): out of range, not malformed.
            return problem(
                    422,
                    "Unprocessable Content",
                    "a number is out of range",
                    List.of(fieldError("body", "number out of range")));
        }
        if (e instanceof JsonMappingException m
                && m.getCause() instanceof InputCoercionException
                && !m.getPath().isEmpty()) {
            String field = path(m);
            return problem(
                    422,
                    "Unprocessable Content",
                    field + " is out of range",
                    List.of(fieldError(field, "out of range")));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            return problem(
                    400,
                    "Bad Request",
                    field + " has the wrong type or format",
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
        if (e.getCause() instanceof ApiProblem problem) {
            // A query parameter that did not convert (QueryParameters): Quarkus REST wraps what its converter threw.
            return apiProblem(problem);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == 415) {
            // Quarkus' own text names its internals ("No supported MessageBodyReader found").
            return problem(
                    415,
                    status.getReasonPhrase(),
                    "send the body as JSON, with the header Content-Type: application/json",
                    List.of(fieldError("Content-Type", "must be application/json")));
        }
        return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of());
    }

    /**
     * A role that may not call this operation ({@code @RolesAllowed}), or a token naming no tenant: Quarkus answers
     * 403 with an empty body; here the problem says which roles the operation is for.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, SimpleResourceInfo resource) {
        String detail = e.getMessage() != null && !e.getMessage().isBlank()
                ? e.getMessage()
                : rolesAllowed(resource)
                        .map(roles -> "this operation is for " + String.join(", ", roles) + "; your roles are not")
                        .orElse("your roles do not allow this operation");
        return problem(403, "Forbidden", detail, List.of());
    }

    private static Optional<List<String>> rolesAllowed(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return Optional.empty();
        }
        try {
            RolesAllowed roles = resource.getResourceClass()
                    .getMethod(resource.getMethodName(), resource.parameterTypes())
                    .getAnnotation(RolesAllowed.class);
            if (roles == null) {
                roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
            }
            return Optional.ofNullable(roles).map(r -> List.of(r.value()));
        } catch (NoSuchMethodException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * What no other mapper claims: 503 with Retry-After while the database cannot be reached (nothing was
     * changed; the client may retry), else a 500 problem that tells nothing of the internals (logged here).
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseOutage.isCause(e)) {
            LOG.debugf("database unavailable: %s", e.toString());
            Response problem = problem(
                    503,
                    "Service Unavailable",
                    "the database cannot be reached right now; nothing was changed",
                    List.of());
            return Response.fromResponse(problem)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("unexpected failure", e);
        return problem(500, "Internal Server Error", "an unexpected error; it has been logged", List.of());
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b) // lines[1].devices, not lines.[1].devices
                .orElse("body");
    }

    /**
     * The field a violation is about: the last node of its path, and for an element of a list (a constraint on
     * {@code List<@Pattern String>}) the list's name with the element's index, e.g. {@code hubs[2]}.
     */
    private static String leafName(Path path) {
        String leaf = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && leaf != null) {
                leaf = leaf + (node.getIndex() == null ? "[]" : "[" + node.getIndex() + "]");
            } else {
                leaf = node.getName();
            }
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
