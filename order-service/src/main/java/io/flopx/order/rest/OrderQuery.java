package io.flopx.order.rest;

import io.flopx.order.domain.OrderFilter;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.Precision;
import io.flopx.support.Cursor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Filters and page of an order listing. */
public class OrderQuery {

    @QueryParam("status")
    public OrderStatus status;

    @QueryParam("from")
    @Parameter(description = "Placed at or after", example = "2026-11-01T00:00:00Z")
    public Instant from;

    @QueryParam("to")
    @Parameter(description = "Placed before", example = "2026-12-01T00:00:00Z")
    public Instant to;

    @QueryParam("model")
    @Parameter(example = "H100-SXM5-80GB")
    public String model;

    @QueryParam("precision")
    public Precision precision;

    @QueryParam("tenant")
    @Parameter(description = "Operators only: one tenant's orders")
    public String tenant;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(0)
    @Max(value = 100_000, message = "must be at most 100000; use after")
    @Parameter(description = "Offset paging; prefer after, from the Link header of a full page")
    public int page;

    @QueryParam("after")
    @Parameter(description = "Where the previous page ended (from its Link header): keyset paging")
    public String after;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(1)
    @Max(value = 100, message = "must be at most 100")
    public int size;

    /** The listing as the service takes it; a malformed {@code after} is a 400 naming it. */
    public OrderFilter filter() {
        return new OrderFilter(status, from, to, model, precision, tenant, page, Cursor.decode(after, "after"), size);
    }
}
