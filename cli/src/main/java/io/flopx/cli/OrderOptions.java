package io.flopx.cli;

import io.flopx.client.model.FillPolicy;
import io.flopx.client.model.OrderKind;
import io.flopx.client.model.PlaceOrderRequest;
import io.flopx.client.model.Precision;
import io.flopx.client.model.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import picocli.CommandLine.Option;

/** What an order asks for, shared by {@code flopx quote} and {@code flopx orders place} (a quote takes an order's body). */
class OrderOptions {

    @Option(names = "--model", paramLabel = "MODEL", description = "Accelerator model, repeatable (see `flopx models`)")
    List<String> models;

    @Option(names = "--devices", paramLabel = "N", description = "Devices of the model (a DEVICES order)")
    Integer devices;

    @Option(
            names = "--tflops",
            paramLabel = "TFLOPS",
            description = "Throughput at --precision from any model (a THROUGHPUT order)")
    BigDecimal tflops;

    @Option(names = "--precision", paramLabel = "P", description = "FP64, FP32, TF32, BF16, FP16, FP8 or INT8")
    String precision;

    @Option(names = "--hours", required = true, paramLabel = "H", description = "How many hours")
    int hours;

    @Option(names = "--earliest", required = true, paramLabel = "TIME", description = "Earliest start (UTC)")
    String earliest;

    @Option(names = "--latest", paramLabel = "TIME", description = "Latest start (default: the earliest)")
    String latest;

    @Option(
            names = "--limit",
            required = true,
            paramLabel = "PRICE",
            description = "Highest price, e.g. 16.00: per device-hour (DEVICES) or per PFLOP-hour (THROUGHPUT)")
    BigDecimal limit;

    @Option(names = "--currency", defaultValue = "CNY", description = "Currency (default: ${DEFAULT-VALUE})")
    String currency;

    @Option(names = "--hub", paramLabel = "HUB", description = "Only these hubs, repeatable (see `flopx hubs`)")
    List<String> hubs;

    @Option(names = "--max-pue", paramLabel = "PUE", description = "Only sites with a PUE at most this")
    BigDecimal maxPue;

    @Option(names = "--min-green", paramLabel = "RATING", description = "Only sites rated at least this (1A-5A)")
    String minGreenRating;

    @Option(names = "--interconnect", description = "INFINIBAND, ROCE or ETHERNET")
    String interconnect;

    @Option(names = "--partial", description = "Accept a partial fill (default: all or nothing)")
    boolean partial;

    @Option(names = "--min-fill", paramLabel = "N", description = "With --partial: the least total accepted")
    BigDecimal minFill;

    @Option(names = "--ioc", description = "Immediate or cancel: whatever does not fill now is cancelled")
    boolean immediateOrCancel;

    @Option(names = "--reference", paramLabel = "TEXT", description = "Your own reference for the order")
    String reference;

    PlaceOrderRequest request() {
        if ((devices == null) == (tflops == null)) {
            throw new UsageException(
                    "Give exactly one of --devices (a DEVICES order) or --tflops (a THROUGHPUT order)");
        }
        PlaceOrderRequest r = new PlaceOrderRequest()
                .kind(devices != null ? OrderKind.DEVICES : OrderKind.THROUGHPUT)
                .models(models)
                .devices(devices)
                .tflops(tflops)
                .precision(precision == null ? null : enumValue(Precision.class, precision, "--precision"))
                .durationHours(hours)
                .earliestStart(Times.parse(earliest, "--earliest"))
                .latestStart(Times.parse(latest, "--latest"))
                .limitPrice(Money.toMinor(limit, currency, "--limit"))
                .currency(currency)
                .hubs(hubs)
                .maxPue(maxPue)
                .minGreenRating(minGreenRating)
                .interconnect(interconnect)
                .minFill(minFill)
                .clientReference(reference);
        if (partial) {
            r.fillPolicy(FillPolicy.PARTIAL);
        }
        if (immediateOrCancel) {
            r.timeInForce(TimeInForce.IMMEDIATE_OR_CANCEL);
        }
        return r;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    option + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ": " + value);
        }
    }
}
