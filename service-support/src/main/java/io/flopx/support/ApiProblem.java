package io.flopx.support;

/** A client mistake the API reports as RFC 9457 problem details, naming the field at fault. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ApiProblem(int status, String title, String field, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not Found", null, what + " not found");
    }

    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(422, "Unprocessable Content", field, detail);
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
}
