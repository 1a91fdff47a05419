package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.domain.Outage;
import io.flopx.settlement.domain.SlotVerdict;
import io.flopx.settlement.service.DeliveryService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lease's delivery as both its parties see it: the commitment, what the agents reported, each hour slot's
 * verdict, outages, disputes and the SLA credits (minor units).
 *
 * @param availabilityBps the offering's commitment (null: best effort)
 * @param deliveredBps delivered ÷ judged device-hours so far, basis points (null before any slot is judged)
 * @param commitmentMissed the undelivered device-hours known exceed what the commitment allows over the lease
 * @param credited credits paid to the buyer so far; {@code penalty} is the part owed to a missed commitment
 *     (taken from the provider's share of the hours released so far)
 */
public record DeliveryView(
        UUID leaseId,
        UUID offeringId,
        String buyer,
        String provider,
        String hub,
        int devices,
        Instant start,
        Instant end,
        String currency,
        long cost,
        Integer availabilityBps,
        long graceSeconds,
        Started started,
        long judgedDeviceHours,
        long deliveredDeviceHours,
        long undeliveredDeviceHours,
        Integer deliveredBps,
        boolean commitmentMissed,
        long credited,
        long penalty,
        List<Slot> hours,
        List<OutageView> outages,
        List<DisputeView> disputes) {

    public record Started(Instant at, List<String> deviceIds, String reportedBy) {}

    /** One hour slot: PENDING, DELIVERED, PARTIAL or UNDELIVERED, and why. */
    public record Slot(
            Instant hour, String state, String basis, Integer devicesReported, int delivered, int undelivered) {}

    public record OutageView(UUID id, Instant start, Instant end, int devices, String cause, Instant reportedAt) {

        static OutageView of(Outage o) {
            return new OutageView(o.id(), o.start(), o.end(), o.devices(), o.cause(), o.reportedAt());
        }
    }

    public static DeliveryView of(DeliveryService.Delivery d) {
        Lease l = d.lease();
        SlotVerdict.Judged judged = SlotVerdict.Judged.of(d.slots());
        List<Slot> slots = d.slots().stream()
                .map(v -> new Slot(
                        v.start(),
                        v.state().name(),
                        v.basis().name(),
                        d.record().hoursReported().get(v.start()),
                        v.delivered(),
                        v.undelivered()))
                .toList();
        return new DeliveryView(
                l.fillId(),
                l.offeringId(),
                l.buyer(),
                l.provider(),
                l.hub(),
                l.devices(),
                l.start(),
                l.end(),
                l.currency(),
                l.cost(),
                d.record().availabilityBps(),
                d.grace().toSeconds(),
                d.start()
                        .map(s -> new Started(s.startedAt(), s.deviceIds(), s.reportedBy()))
                        .orElse(null),
                judged.deviceHours(),
                judged.delivered(),
                judged.undelivered(),
                judged.deviceHours() == 0 ? null : (int) (judged.delivered() * Lease.BPS / judged.deviceHours()),
                d.credits().missed(),
                l.credited(),
                d.credits().penalty(),
                slots,
                d.record().outages().stream().map(OutageView::of).toList(),
                d.disputes().stream().map(DisputeView::of).toList());
    }
}
