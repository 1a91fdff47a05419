package io.flopx.settlement.service;

import io.flopx.settlement.domain.DeliveryRecord;
import io.flopx.settlement.domain.Dispute;
import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.domain.LeaseStart;
import io.flopx.settlement.domain.LeaseState;
import io.flopx.settlement.domain.Outage;
import io.flopx.settlement.domain.SlaCredits;
import io.flopx.settlement.domain.SlotVerdict;
import io.flopx.settlement.outbox.SettlementOutboxRelay;
import io.flopx.settlement.repository.Deliveries;
import io.flopx.settlement.repository.DeliveryRecords;
import io.flopx.support.ApiProblem;
import io.flopx.support.NamedOnce;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivery of leases (README, "Delivery and SLA credits"): providers' agents report a lease's start, each hour
 * slot's availability and outages; buyers dispute hour slots; operators decide disputes. Each record settles
 * the lease again at once (SLA credits, payouts), in the record's transaction.
 */
@ApplicationScoped
public class DeliveryService {

    /** How long after a lease ends its buyer may still dispute its hours. */
    static final Duration DISPUTE_WINDOW = Duration.ofDays(30);
    /** How far ahead of the exchange's clock an agent's clock may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final DeliveryRecords records;
    private final Deliveries deliveries;
    private final SettlementOutboxRelay relay;

    public DeliveryService(DeliveryRecords records, Deliveries deliveries, SettlementOutboxRelay relay) {
        this.records = records;
        this.deliveries = deliveries;
        this.relay = relay;
    }

    /** The lease started on these devices (its provider's agent, once; a repeat answers the first report). */
    public Uni<LeaseStart> started(Caller agent, UUID fillId, Instant startedAt, List<String> deviceIds) {
        Instant now = Instant.now();
        return records.start(fillId, now, l -> {
                    Lease lease = providersLease(agent, l);
                    if (deviceIds.size() > lease.devices()) {
                        throw ApiProblem.invalid(
                                "deviceIds", "names more devices than the lease has (" + lease.devices() + ")");
                    }
                    NamedOnce.require("deviceIds", deviceIds);
                    if (startedAt.isAfter(now.plus(CLOCK_SKEW))) {
                        throw ApiProblem.invalid("startedAt", "must not be in the future");
                    }
                    if (startedAt.isBefore(lease.start().minus(Duration.ofHours(1)))
                            || !startedAt.isBefore(lease.end())) {
                        throw ApiProblem.invalid(
                                "startedAt",
                                "must fall within the lease (" + lease.start() + " to " + lease.end() + ")");
                    }
                    return new LeaseStart(startedAt, deviceIds, agent.tenant(), now);
                })
                .map(this::found)
                .invoke(w -> {
                    if (!w.made() && !w.record().deviceIds().equals(deviceIds)) {
                        throw ApiProblem.conflict(
                                "deviceIds",
                                "the lease's start was already reported, on other devices",
                                Map.of("deviceIds", w.record().deviceIds()));
                    }
                })
                .map(DeliveryRecords.Written::record);
    }

    /**
     * An hour slot's availability, reported once by the provider's agent after the hour ended and before its
     * grace period did (after it, an unreported hour has been judged).
     */
    public Uni<Integer> hourReported(Caller agent, UUID fillId, Instant slot, int devicesAvailable) {
        Instant now = Instant.now();
        return records.hour(fillId, now, l -> {
                    Lease lease = providersLease(agent, l);
                    requireSlot(lease, slot, "hour");
                    Instant end = slot.plus(Duration.ofHours(1));
                    if (end.isAfter(now.plus(CLOCK_SKEW))) {
                        throw ApiProblem.invalid("hour", "has not ended yet: report an hour once it is over");
                    }
                    if (!now.isBefore(end.plus(deliveries.grace()))) {
                        throw ApiProblem.conflict(
                                "hour",
                                "was judged when its grace period of " + deliveries.grace() + " ended without a report",
                                Map.of());
                    }
                    if (devicesAvailable > lease.devices()) {
                        throw ApiProblem.invalid(
                                "devicesAvailable", "is more than the lease's " + lease.devices() + " devices");
                    }
                    return new DeliveryRecords.HourReport(slot, devicesAvailable, agent.tenant());
                })
                .map(this::found)
                .map(w -> {
                    int recorded = w.record().devicesAvailable();
                    if (recorded != devicesAvailable) {
                        throw ApiProblem.conflict(
                                "devicesAvailable",
                                "the hour was already reported, with " + recorded + " devices available",
                                Map.of("recorded", recorded));
                    }
                    return recorded;
                });
    }

    /** An outage over: devices unavailable from start to end, and why (once per start). */
    public Uni<Outage> outage(Caller agent, UUID fillId, Instant start, Instant end, int devices, String cause) {
        Instant now = Instant.now();
        return records.outage(fillId, now, agent.tenant(), l -> {
                    Lease lease = providersLease(agent, l);
                    if (!end.isAfter(start)) {
                        throw ApiProblem.invalid("end", "must be after start");
                    }
                    if (end.isAfter(now.plus(CLOCK_SKEW))) {
                        throw ApiProblem.invalid("end", "must not be in the future: report an outage once it is over");
                    }
                    if (!start.isBefore(lease.end()) || !end.isAfter(lease.start())) {
                        throw ApiProblem.invalid(
                                "start",
                                "the outage must overlap the lease (" + lease.start() + " to " + lease.end() + ")");
                    }
                    if (devices > lease.devices()) {
                        throw ApiProblem.invalid("devices", "is more than the lease's " + lease.devices() + " devices");
                    }
                    return new Outage(UUID.randomUUID(), start, end, devices, cause, now);
                })
                .map(this::found)
                .invoke(w -> {
                    Outage o = w.record();
                    if (!w.made()
                            && (!o.end().equals(end)
                                    || o.devices() != devices
                                    || !o.cause().equals(cause))) {
                        throw ApiProblem.conflict(
                                "start",
                                "an outage starting then was already reported, differently",
                                Map.of("outageId", o.id()));
                    }
                })
                .map(DeliveryRecords.Written::record);
    }

    /** The buyer disputes an hour slot that has begun (once per slot; a repeat answers the dispute there is). */
    public Uni<Dispute> dispute(Caller buyer, UUID fillId, Instant slot, String reason) {
        Instant now = Instant.now();
        return records.dispute(fillId, now, l -> {
                    Lease lease = l.lease();
                    if (!lease.buyer().equals(buyer.tenant())) {
                        throw ApiProblem.notFound("lease");
                    }
                    if (lease.state() == LeaseState.REFUNDED) {
                        throw ApiProblem.conflict(
                                "lease", "was refunded in full: there is nothing to dispute", Map.of());
                    }
                    requireSlot(lease, slot, "hour");
                    if (slot.isAfter(now)) {
                        throw ApiProblem.invalid("hour", "has not begun yet");
                    }
                    if (now.isAfter(lease.end().plus(DISPUTE_WINDOW))) {
                        throw ApiProblem.conflict(
                                "hour",
                                "disputes are taken until " + DISPUTE_WINDOW.toDays() + " days after a lease ends",
                                Map.of());
                    }
                    return new Dispute(
                            UUID.randomUUID(),
                            fillId,
                            slot,
                            reason,
                            buyer.tenant(),
                            now,
                            Dispute.State.OPEN,
                            null,
                            null,
                            null);
                })
                .map(this::found)
                .map(DeliveryRecords.Written::record);
    }

    /** An operator accepts (the hour counts as undelivered) or rejects an open dispute, with a note. */
    public Uni<Dispute> decide(Caller operator, UUID disputeId, boolean accept, String note) {
        Instant now = Instant.now();
        return records.disputedFill(disputeId)
                .map(fill -> fill.orElseThrow(() -> ApiProblem.notFound("dispute")))
                .chain(fillId -> records.decide(fillId, disputeId, accept, note, operator.tenant(), now))
                .map(this::found)
                .invoke(w -> {
                    if (!w.made()) {
                        throw ApiProblem.conflict(
                                "dispute",
                                "was already decided: " + w.record().state(),
                                Map.of("state", w.record().state().name()));
                    }
                })
                .map(DeliveryRecords.Written::record);
    }

    /** Disputes, oldest first: operators see all (or those in {@code state}), tenants those of their leases. */
    public Uni<List<Dispute>> disputes(Caller caller, String state, int limit) {
        return records.disputes(state, caller.operator() ? null : caller.tenant(), limit);
    }

    /** A lease's delivery as it stands: its records, each hour slot's verdict, and its credits. */
    public record Delivery(
            Lease lease,
            DeliveryRecord record,
            Duration grace,
            Optional<LeaseStart> start,
            List<SlotVerdict> slots,
            SlaCredits credits,
            List<Dispute> disputes) {}

    /** A lease's delivery, for its buyer and provider (operators: any). */
    public Uni<Delivery> delivery(Caller caller, UUID fillId) {
        Instant now = Instant.now();
        return records.of(fillId).map(found -> {
            DeliveryRecords.Recorded r = found.filter(
                            x -> caller.maySee(x.lease().lease().buyer())
                                    || caller.maySee(x.lease().lease().provider())
                                    || caller.maySee(x.lease().deliveredBy()))
                    .orElseThrow(() -> ApiProblem.notFound("lease"));
            Deliveries.Assessment a = deliveries.assess(r.lease(), r.record(), now);
            return new Delivery(
                    r.lease().lease(),
                    r.record(),
                    deliveries.grace(),
                    r.start(),
                    a.verdicts(),
                    a.credits(),
                    r.disputes());
        });
    }

    /** The record written (its event is in the outbox: the relay is woken), or 404 when there is no lease. */
    private <T> DeliveryRecords.Written<T> found(Optional<DeliveryRecords.Written<T>> written) {
        DeliveryRecords.Written<T> w = written.orElseThrow(() -> ApiProblem.notFound("lease"));
        relay.wake();
        return w;
    }

    private static Lease providersLease(Caller agent, Deliveries.Committed l) {
        Lease lease = l.lease();
        // The agents of whoever delivers it: for a lease of a resale listing, the original provider's, not the
        // reseller's (who sold it and pays its credits).
        if (!l.deliveredBy().equals(agent.tenant())) {
            throw ApiProblem.notFound("lease");
        }
        if (lease.state() == LeaseState.REFUNDED) {
            throw ApiProblem.conflict("lease", "was refunded: the capacity was never leased", Map.of());
        }
        return lease;
    }

    private static void requireSlot(Lease lease, Instant slot, String field) {
        if (!slot.equals(slot.truncatedTo(ChronoUnit.HOURS))) {
            throw ApiProblem.invalid(field, "must be a whole UTC hour, the start of an hour slot");
        }
        if (slot.isBefore(lease.start()) || !slot.isBefore(lease.end())) {
            throw ApiProblem.invalid(
                    field, "is not an hour of the lease (" + lease.start() + " to " + lease.end() + ")");
        }
    }
}
