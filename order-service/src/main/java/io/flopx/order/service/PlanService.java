package io.flopx.order.service;

import io.flopx.order.client.ReferenceData;
import io.flopx.order.domain.FillPolicy;
import io.flopx.order.domain.OrderBounds;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.PlanCoverage;
import io.flopx.order.domain.PlanOrder;
import io.flopx.order.domain.PlanRound;
import io.flopx.order.domain.PlanStatus;
import io.flopx.order.domain.ProcurementPlan;
import io.flopx.order.domain.TimeInForce;
import io.flopx.order.repository.PlanStore;
import io.flopx.support.ApiProblem;
import io.flopx.support.WholeHours;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Standing procurement plans (README, "Standing procurement plans"): made, read, scaled and stopped by their
 * enterprise; their rounds place one order per hour slot and gap, through the same path as any order
 * (validation, buying power, vouchers, idempotency). Each placement's idempotency key is the plan's, the hour's
 * and the attempt's, so a round repeated after a crash, or run by another instance, places nothing twice.
 */
@ApplicationScoped
public class PlanService {

    private static final Logger LOG = Logger.getLogger(PlanService.class);

    /** A plan as read: its terms, how well it is covered, and the orders it placed. */
    public record PlanState(ProcurementPlan plan, PlanCoverage coverage, List<PlanOrder> orders) {}

    public record NewPlan(
            String name,
            List<String> models,
            List<String> hubs,
            int devices,
            Instant startsAt,
            Instant endsAt,
            int aheadHours,
            long limitPrice,
            String currency,
            Integer minReliability,
            long budget) {}

    private final PlanStore plans;
    private final OrderService orders;
    private final ReferenceData reference;

    public PlanService(PlanStore plans, OrderService orders, ReferenceData reference) {
        this.plans = plans;
        this.orders = orders;
        this.reference = reference;
    }

    /** Stores the plan (its models and hubs checked as an order's are) and runs its first round at once. */
    public Uni<PlanState> create(String tenant, String bearerToken, NewPlan r) {
        Instant now = Instant.now();
        WholeHours.require("startsAt", r.startsAt());
        WholeHours.require("endsAt", r.endsAt());
        if (!r.endsAt().isAfter(r.startsAt())) {
            throw ApiProblem.invalid("endsAt", "must be after startsAt");
        }
        if (!r.endsAt().isAfter(now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS))) {
            throw ApiProblem.invalid("endsAt", "must leave at least one whole hour to buy");
        }
        if (r.startsAt().isAfter(now.plus(OrderBounds.MAX_LEAD_DAYS, ChronoUnit.DAYS))) {
            throw ApiProblem.invalid("startsAt", "must be within " + OrderBounds.MAX_LEAD_DAYS + " days from now");
        }
        if (Duration.between(r.startsAt(), r.endsAt()).toHours() > OrderBounds.MAX_START_WINDOW_HOURS) {
            throw ApiProblem.invalid("endsAt", "a plan runs at most " + OrderBounds.MAX_START_WINDOW_HOURS + " hours");
        }
        if (r.budget() < r.limitPrice()) {
            throw ApiProblem.invalid("budget", "must buy at least one device-hour at the limit price");
        }
        ProcurementPlan plan = new ProcurementPlan(
                UUID.randomUUID(),
                tenant,
                r.name(),
                List.copyOf(r.models()),
                r.hubs() == null ? List.of() : List.copyOf(r.hubs()),
                r.devices(),
                r.startsAt(),
                r.endsAt(),
                r.aheadHours(),
                r.limitPrice(),
                r.currency(),
                r.minReliability(),
                r.budget(),
                PlanStatus.ACTIVE,
                null,
                now.truncatedTo(ChronoUnit.MICROS),
                now.truncatedTo(ChronoUnit.MICROS));
        return reference
                .known(bearerToken)
                .invoke(known -> OrderValidation.requireKnown(plan.models(), plan.hubs(), known))
                .chain(() -> plans.insert(plan))
                .chain(() -> round(plan.id(), now))
                .chain(() -> state(plan.id()));
    }

    public Uni<PlanState> visible(String tenant, boolean operator, UUID id) {
        return plans.find(id)
                .chain(found -> state(found.filter(x -> operator || x.tenant().equals(tenant))
                        .orElseThrow(() -> ApiProblem.notFound("plan " + id))));
    }

    public Uni<List<PlanState>> list(String tenant, boolean operator, int limit) {
        return plans.list(operator ? null : tenant, limit).chain(list -> {
            List<Uni<PlanState>> states = list.stream().map(this::state).toList();
            return states.isEmpty()
                    ? Uni.createFrom().item(List.of())
                    : Uni.join().all(states).andFailFast();
        });
    }

    /**
     * A new size for every hour still to buy. Smaller: open orders of hours that would have more than the new
     * size in hand are cancelled, newest first (a fill that races a cancel stands, as on any exchange), and the
     * next round buys what is still missing. Larger: the round run now buys the difference.
     */
    public Uni<PlanState> scale(String tenant, UUID id, int devices) {
        Instant now = Instant.now();
        return change(tenant, id, p -> {
                    requireActive(p);
                    ProcurementPlan scaled = p.with(devices, PlanStatus.ACTIVE, p.statusReason(), now);
                    return plans.update(scaled)
                            .chain(() -> plans.orders(id))
                            .chain(placed -> cancelAll(tenant, excess(scaled, placed, now)));
                })
                .chain(() -> round(id, now))
                .chain(() -> state(id));
    }

    /** Stops the plan and cancels its open orders; its fills stand. A stopped plan stays stopped. */
    public Uni<PlanState> stop(String tenant, UUID id) {
        Instant now = Instant.now();
        return change(
                        tenant,
                        id,
                        p -> p.status() == PlanStatus.STOPPED
                                ? Uni.createFrom().voidItem()
                                : plans.update(p.with(p.devices(), PlanStatus.STOPPED, "stopped by " + tenant, now))
                                        .chain(() -> plans.orders(id))
                                        .chain(placed -> cancelAll(
                                                tenant,
                                                placed.stream()
                                                        .filter(o -> !o.status().isTerminal())
                                                        .map(PlanOrder::orderId)
                                                        .toList())))
                .chain(() -> state(id));
    }

    /** An enterprise's change to its own plan, under the plan's lock (waiting for a round under way). */
    private Uni<Void> change(String tenant, UUID id, Function<ProcurementPlan, Uni<Void>> work) {
        return plans.locked(id, p -> {
                    if (!p.tenant().equals(tenant)) {
                        throw ApiProblem.notFound("plan " + id);
                    }
                    return work.apply(p).replaceWith(true);
                })
                .invoke(done -> done.orElseThrow(() -> ApiProblem.notFound("plan " + id)))
                .replaceWithVoid();
    }

    /** Every active plan's round (see PlanRounds). */
    public Uni<Void> roundOfActivePlans(Instant now) {
        return plans.active().chain(active -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ProcurementPlan p : active) {
                all = all.chain(() -> round(p.id(), now)
                        .onFailure()
                        .invoke(e -> LOG.warnf("plan %s: round failed, the next one retries: %s", p.id(), e))
                        .onFailure()
                        .recoverWithNull()
                        .replaceWithVoid());
            }
            return all;
        });
    }

    /**
     * One round of one plan, under its lock and as the plan stands then (skipped while another instance runs
     * it): orders it placed but did not record are adopted, then what PlanRound decides is placed, hour by hour;
     * a placement the buying power refuses ends the round (the plan waits before it asks again).
     */
    Uni<Void> round(UUID planId, Instant now) {
        return plans.unlessLocked(
                        planId,
                        plan -> plans.adoptOrphans(plan, keyPrefix(plan))
                                .chain(() -> plans.orders(planId))
                                .chain(placed -> {
                                    PlanRound.Decision d = PlanRound.decide(plan, placed, now);
                                    return place(plan, d.orders(), 0, d.reason())
                                            .chain(reason -> d.status() == plan.status()
                                                            && java.util.Objects.equals(reason, plan.statusReason())
                                                    ? Uni.createFrom().voidItem()
                                                    : plans.update(plan.with(plan.devices(), d.status(), reason, now)));
                                }))
                .replaceWithVoid();
    }

    /** Places the wanted orders in turn: the plan's status reason after them. */
    private Uni<String> place(ProcurementPlan plan, List<PlanRound.Wanted> wanted, int i, String reason) {
        if (i == wanted.size()) {
            return Uni.createFrom().item(reason);
        }
        PlanRound.Wanted w = wanted.get(i);
        String key = keyPrefix(plan) + w.hour().getEpochSecond() / 3600 + "-" + w.attempt();
        return orders.placeForPlan(plan.tenant(), knownOf(plan), key, orderFor(plan, w))
                .chain(placed ->
                        plans.link(plan.id(), placed.order().id, w.hour()).replaceWith(placed.order()))
                .chain(order -> order.status == OrderStatus.REJECTED
                        ? Uni.createFrom().item("the order for " + w.hour() + " was refused: " + order.statusReason)
                        : place(plan, wanted, i + 1, reason));
    }

    static PlaceOrder orderFor(ProcurementPlan plan, PlanRound.Wanted w) {
        return new PlaceOrder(
                OrderKind.DEVICES,
                plan.models(),
                w.devices(),
                null,
                null,
                1,
                w.hour(),
                w.hour(),
                plan.limitPrice(),
                plan.currency(),
                plan.hubs(),
                null,
                null,
                null,
                plan.minReliabilityBps(),
                false,
                FillPolicy.PARTIAL,
                BigDecimal.ONE,
                TimeInForce.GOOD_TILL,
                w.hour(),
                "plan " + plan.name()); // names are at most 80 characters, references 100
    }

    /** The open orders to cancel so that no hour still to buy has more than the plan's size in hand. */
    static List<UUID> excess(ProcurementPlan plan, List<PlanOrder> placed, Instant now) {
        Set<Instant> toBuy = Set.copyOf(plan.hoursToBuy(now));
        Map<Instant, List<PlanOrder>> byHour =
                placed.stream().filter(o -> toBuy.contains(o.hour())).collect(Collectors.groupingBy(PlanOrder::hour));
        List<UUID> cancel = new ArrayList<>();
        byHour.values().forEach(list -> {
            long inHand = list.stream().mapToLong(PlanOrder::inHand).sum();
            List<PlanOrder> newestFirst = list.stream()
                    .filter(o -> !o.status().isTerminal())
                    .sorted(Comparator.comparing(PlanOrder::placedAt).reversed())
                    .toList();
            for (PlanOrder o : newestFirst) {
                if (inHand <= plan.devices()) {
                    break;
                }
                inHand -= o.inHand() - o.filled();
                cancel.add(o.orderId());
            }
        });
        return cancel;
    }

    private Uni<Void> cancelAll(String tenant, List<UUID> ids) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            // One that ended meanwhile is 409: nothing to cancel.
            all = all.chain(() ->
                    orders.cancel(tenant, id).onFailure().recoverWithNull().replaceWithVoid());
        }
        return all;
    }

    private Uni<PlanState> state(UUID id) {
        return plans.find(id).chain(found -> state(found.orElseThrow(() -> ApiProblem.notFound("plan " + id))));
    }

    private Uni<PlanState> state(ProcurementPlan p) {
        Instant now = Instant.now();
        return plans.orders(p.id()).map(placed -> new PlanState(p, PlanCoverage.of(p, placed, now), placed));
    }

    private static void requireActive(ProcurementPlan p) {
        if (p.status() != PlanStatus.ACTIVE) {
            throw ApiProblem.conflict("status", "plan " + p.id() + " is " + p.status(), Map.of());
        }
    }

    /** What the plan was checked against when it was made: its own models and hubs. */
    private static ReferenceData.Known knownOf(ProcurementPlan p) {
        Map<String, Map<io.flopx.order.domain.Precision, Long>> models = new HashMap<>();
        p.models().forEach(m -> models.put(m, Map.of()));
        return new ReferenceData.Known(models, Set.copyOf(p.hubs()), p.createdAt());
    }

    static String keyPrefix(ProcurementPlan p) {
        return "plan-" + p.id() + "-";
    }
}
