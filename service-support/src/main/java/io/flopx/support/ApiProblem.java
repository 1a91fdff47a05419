package io.flopx.support;

import java.util.Map;

/** A client mistake the API reports as RFC 9457 problem details, naming the field at fault. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Map<String, Object> extensions;

    public ApiProblem(int status, String title, String field, String detail) {
        this(status, title, field, detail, Map.of());
    }

    /** With RFC 9457 extension members, e.g. the ids of the objects a conflict is about. */
    public ApiProblem(int status, String title, String field, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.extensions = Map.copyOf(extensions);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not Found", null, what + " not found");
    }

    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(422, "Unprocessable Content", field, detail);
    }

    public static ApiProblem conflict(String field, String detail, Map<String, Object> extensions) {
        return new ApiProblem(409, "Conflict", field, detail, extensions);
    }

    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Bad Request", field, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
