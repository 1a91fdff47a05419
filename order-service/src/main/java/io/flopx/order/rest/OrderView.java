package io.flopx.order.rest;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;
import io.flopx.order.domain.OrderTransition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order as its enterprise sees it: what was asked, where it stands, its fills and its totals (cost,
 * device-hours, PFLOP-hours at the order's precision, energy in kWh = devices × TDP × hours × PUE).
 */
public record OrderView(
        UUID id,
        String tenant,
        String clientReference,
        String kind,
        List<String> models,
        Integer devices,
        BigDecimal tflops,
        String precision,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPrice,
        String limitPriceUnit,
        String currency,
        List<String> hubs,
        BigDecimal maxPue,
        String minGreenRating,
        String interconnect,

        @Schema(description = "Basis points: only offerings with a delivery record at least this good")
        Integer minReliability,

        boolean sameSite,
        String fillPolicy,
        BigDecimal minFill,
        String timeInForce,
        Instant goodTill,
        String status,
        String statusReason,
        boolean cancelRequested,

        @Schema(
                description = "What the order holds of its tenant's buying power now (minor units): the worst case of "
                        + "what it still wants while open, 0 once terminal; 0 too when orders need no funding")
        long held,

        @Schema(
                description = "The part of held that the tenant's compute vouchers back (minor units); the rest is "
                        + "held in its own money")
        long voucherHeld,

        @Schema(
                description =
                        "For an order refused with INSUFFICIENT_FUNDS: how much more buying power it needed (minor units)")
        Long shortfall,

        long version,
        Instant createdAt,
        Instant updatedAt,
        List<FillView> fills,
        Totals totals,
        List<TransitionView> history) {

    /** A fill; {@code reversedAt} and {@code reversalReason} say when and why it was undone (then it counts nowhere). */
    public record FillView(
            UUID id,
            UUID offeringId,
            UUID siteId,
            String hub,
            String model,
            int devices,
            Instant start,
            Instant end,
            long pricePerDeviceHour,
            long cost,
            String currency,
            Instant reversedAt,
            String reversalReason) {

        static FillView of(Fill f) {
            return new FillView(
                    f.id,
                    f.offeringId,
                    f.siteId,
                    f.hubId,
                    f.modelId,
                    f.devices,
                    f.startsAt,
                    f.endsAt,
                    f.pricePerDeviceHour,
                    f.cost,
                    f.currency,
                    f.reversedAt,
                    f.reversalReason);
        }
    }

    /** Integer sums where the unit allows; PFLOP-hours and kWh are exact decimals. */
    public record Totals(
            long cost,
            long deviceHours,
            BigDecimal pflopHours,
            BigDecimal energyKwh,
            BigDecimal filledTflops,
            int filledDevices) {}

    public record TransitionView(String status, String reason, Instant at) {}

    public static OrderView of(ComputeOrder o, List<OrderTransition> history) {
        boolean devices = o.devices != null;
        return new OrderView(
                o.id,
                o.tenant,
                o.clientReference,
                o.kind.name(),
                o.models,
                o.devices,
                o.throughputGflops == null ? null : plain(BigDecimal.valueOf(o.throughputGflops, 3)),
                o.precision == null ? null : o.precision.name(),
                o.durationHours,
                o.earliestStart,
                o.latestStart,
                o.limitPrice,
                devices ? "per device-hour" : "per PFLOP-hour at " + o.precision,
                o.currency,
                o.allowedHubs,
                o.maxPueMilli == null ? null : BigDecimal.valueOf(o.maxPueMilli, 3),
                o.minGreenRating == null ? null : o.minGreenRating + "A",
                o.interconnect,
                o.minReliabilityBps,
                o.sameSite,
                o.fillPolicy.name(),
                o.minFill == null
                        ? null
                        : devices ? BigDecimal.valueOf(o.minFill) : plain(BigDecimal.valueOf(o.minFill, 3)),
                o.timeInForce.name(),
                o.goodTill,
                o.status.name(),
                o.statusReason,
                o.cancelRequestedAt != null,
                o.held,
                o.voucherHeld,
                o.shortfall,
                o.version,
                o.createdAt,
                o.updatedAt,
                o.fills.stream().map(FillView::of).toList(),
                totals(o),
                history == null
                        ? null
                        : history.stream()
                                .map(t -> new TransitionView(t.status, t.reason, t.at))
                                .toList());
    }

    /** Without trailing zeros and never in exponent form: 500, 0.5, 1234.567. */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal t = d.stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }

    static Totals totals(ComputeOrder o) {
        long cost = 0;
        long deviceHours = 0;
        long gflopHours = 0;
        long milliWattHours = 0;
        long filledGflops = 0;
        int filledDevices = 0;
        boolean energyKnown = true;
        for (Fill f : o.fills) {
            if (!f.stands()) {
                continue; // reversed: shown among the fills with its reason, counted nowhere
            }
            long hours = Duration.between(f.startsAt, f.endsAt).toHours();
            cost += f.cost;
            deviceHours += f.devices * hours;
            filledDevices += f.devices;
            if (f.gflopsPerDevice != null) {
                gflopHours += f.devices * f.gflopsPerDevice * hours;
                filledGflops += f.devices * f.gflopsPerDevice;
            }
            if (f.tdpWatts != null && f.pueMilli != null) {
                milliWattHours += f.devices * f.tdpWatts * hours * f.pueMilli;
            } else {
                energyKnown = false;
            }
        }
        return new Totals(
                cost,
                deviceHours,
                o.precision == null ? null : plain(BigDecimal.valueOf(gflopHours, 6)),
                energyKnown ? plain(BigDecimal.valueOf(milliWattHours, 6)) : null,
                o.precision == null ? null : plain(BigDecimal.valueOf(filledGflops, 3)),
                filledDevices);
    }
}
