package io.flopx.catalog.rest;

import io.flopx.catalog.domain.Bounds;
import io.flopx.catalog.domain.Interconnect;
import io.flopx.catalog.domain.Precision;
import io.flopx.catalog.service.OfferingSearch;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters, sort and page of an offering search, from the query string. */
public class SearchRequest {

    public static final int MAX_PAGE_SIZE = 100;

    @QueryParam("model")
    @Parameter(example = "H100-SXM5-80GB")
    public String model;

    @QueryParam("vendor")
    @Parameter(example = "NVIDIA")
    public String vendor;

    @QueryParam("hub")
    @Parameter(example = "ningxia")
    public String hub;

    @QueryParam("precision")
    @Parameter(description = "Needed by minTflops, maxPricePerPflopHour and the effectivePrice and tflops sorts")
    public Precision precision;

    @QueryParam("minTflops")
    @DecimalMin("0")
    @DecimalMax("100000000000")
    @Parameter(description = "Least total TFLOPS of the offering at the precision", example = "5000")
    public BigDecimal minTflops;

    @QueryParam("maxPricePerDeviceHour")
    @Min(1)
    @Max(Bounds.MAX_PRICE)
    @Parameter(example = "1600")
    public Long maxPricePerDeviceHour;

    @QueryParam("maxPricePerPflopHour")
    @Min(1)
    @Max(Bounds.MAX_PRICE)
    @Parameter(description = "At the precision, minor units", example = "1500")
    public Long maxPricePerPflopHour;

    @QueryParam("maxPue")
    @DecimalMin("1.0")
    @Parameter(example = "1.3")
    public BigDecimal maxPue;

    @QueryParam("minGreenRating")
    @Pattern(regexp = "[1-5]A", message = "must be a CAICT rating from 1A to 5A")
    @Parameter(example = "4A")
    public String minGreenRating;

    @QueryParam("interconnect")
    public Interconnect interconnect;

    @QueryParam("minReliability")
    @Min(0)
    @Max(10_000)
    @Parameter(
            description = "Basis points: offerings whose delivery record (reliabilityBps) is at least this; those"
                    + " without history are left out, as orders with minReliability leave them out",
            example = "9900")
    public Integer minReliability;

    @QueryParam("from")
    @Parameter(description = "Offerings available from this time or earlier", example = "2026-12-01T08:00:00Z")
    public Instant from;

    @QueryParam("until")
    @Parameter(description = "Offerings available until this time or later", example = "2026-12-02T08:00:00Z")
    public Instant until;

    @QueryParam("sort")
    @DefaultValue("price")
    @Pattern(regexp = "price|effectivePrice|tflops|pue", message = "must be price, effectivePrice, tflops or pue")
    public String sort;

    @QueryParam("order")
    @DefaultValue("asc")
    @Pattern(regexp = "asc|desc", message = "must be asc or desc")
    public String order;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(0)
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(1)
    @Max(value = MAX_PAGE_SIZE, message = "must be at most 100")
    public int size;

    public OfferingSearch toSearch() {
        return new OfferingSearch(
                model,
                vendor,
                hub,
                precision,
                minTflops,
                maxPricePerDeviceHour,
                maxPricePerPflopHour,
                maxPue,
                minGreenRating,
                interconnect,
                minReliability,
                from,
                until,
                sort,
                order,
                page,
                size);
    }
}
