package io.flopx.order.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.Fill;

/** An order as its enterprise sees it, with its fills and totals. */
public record OrderView(
        UUID id,
        String tenant,
        String clientReference,
        String model,
        int devices,
        int durationHours,
        Instant earliestStart,
        Instant latestStart,
        long limitPricePerDeviceHour,
        String currency,
        List<String> hubs,
        String status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt,
        List<FillView> fills,
        int filledDevices,
        long totalCost,
        long deviceHours) {

    public record FillView(UUID id, UUID offeringId, String hub, int devices, Instant start, Instant end,
            long pricePerDeviceHour, long cost, String currency) {

        static FillView of(Fill f) {
            return new FillView(f.id, f.offeringId, f.hubId, f.devices, f.startsAt, f.endsAt, f.pricePerDeviceHour,
                    f.cost, f.currency);
        }

        long deviceHours() {
            return devices * Duration.between(start, end).toHours();
        }
    }

    public static OrderView of(ComputeOrder o) {
        List<FillView> fills = o.fills.stream().map(FillView::of).toList();
        return new OrderView(o.id, o.tenant, o.clientReference, o.modelId, o.devices, o.durationHours,
                o.earliestStart, o.latestStart, o.limitPricePerDeviceHour, o.currency, o.allowedHubs,
                o.status.name(), o.statusReason, o.createdAt, o.updatedAt, fills, o.filledDevices(),
                fills.stream().mapToLong(FillView::cost).sum(), fills.stream().mapToLong(FillView::deviceHours).sum());
    }
}
