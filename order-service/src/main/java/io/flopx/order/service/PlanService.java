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
                .invoke(known -> requireKnown(plan, known))
                .chain(() -> plans.insert(plan))
                .chain(() -> round(plan, now))
                .chain(() -> state(plan.id()));
    }

    public Uni<PlanState> visible(String tenant, boolean operator, UUID id) {
        return plans.find(id).chain(found -> {
            ProcurementPlan p = found.filter(x -> operator || x.tenant().equals(tenant))
                    .orElseThrow(() -> ApiProblem.notFound("plan " + id));
            return state(p.id());
        });
    }

    public Uni<List<PlanState>> list(String tenant, boolean operator, int limit) {
        return plans.list(operator ? null : tenant, limit).chain(list -> {
            List<Uni<PlanState>> states = list.stream().map(p -> state(p.id())).toList();
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
        return own(tenant, id).chain(p -> {
            requireActive(p);
            ProcurementPlan scaled = p.with(devices, PlanStatus.ACTIVE, p.statusReason(), now);
            return plans.whileLocked(
                            p.id(),
                            () -> plans.update(scaled)
                                    .chain(() -> plans.orders(p.id()))
                                    .chain(placed -> cancelAll(tenant, excess(scaled, placed, now))))
                    .chain(() -> round(scaled, now))
                    .chain(() -> state(p.id()));
        });
    }

    /** Stops the plan and cancels its open orders; its fills stand. */
    public Uni<PlanState> stop(String tenant, UUID id) {
        Instant now = Instant.now();
        return own(tenant, id).chain(p -> {
            if (p.status() == PlanStatus.STOPPED) {
                return state(p.id());
            }
            ProcurementPlan stopped = p.with(p.devices(), PlanStatus.STOPPED, "stopped by " + tenant, now);
            return plans.whileLocked(
                            p.id(),
                            () -> plans.update(stopped)
                                    .chain(() -> plans.orders(p.id()))
                                    .chain(placed -> cancelAll(
                                            tenant,
                                            placed.stream()
                                                    .filter(o -> !o.status().isTerminal())
                                                    .map(PlanOrder::orderId)
                                                    .toList())))
                    .chain(() -> state(p.id()));
        });
    }

    /** Every active plan's round (see PlanRounds). */
    public Uni<Void> roundOfActivePlans(Instant now) {
        return plans.active().chain(active -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ProcurementPlan p : active) {
                all = all.chain(() -> round(p, now)
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
     * One round of one plan, under its lock: orders it placed but did not record are adopted, then what
     * PlanRound decides is placed, hour by hour; a placement the buying power refuses ends the round (the
     * plan waits before it asks again).
     */
    Uni<Void> round(ProcurementPlan plan, Instant now) {
        String prefix = keyPrefix(plan);
        return plans.whileLocked(
                        plan.id(),
                        () -> plans.adoptOrphans(plan, prefix)
                                .chain(() -> plans.orders(plan.id()))
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
                plan.name().length() > 95 ? "plan " + plan.name().substring(0, 95) : "plan " + plan.name());
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
        Instant now = Instant.now();
        return plans.find(id).chain(found -> {
            ProcurementPlan p = found.orElseThrow(() -> ApiProblem.notFound("plan " + id));
            return plans.orders(id).map(placed -> new PlanState(p, PlanCoverage.of(p, placed, now), placed));
        });
    }

    private Uni<ProcurementPlan> own(String tenant, UUID id) {
        return plans.find(id)
                .map(found -> found.filter(p -> p.tenant().equals(tenant))
                        .orElseThrow(() -> ApiProblem.notFound("plan " + id)));
    }

    private static void requireActive(ProcurementPlan p) {
        if (p.status() != PlanStatus.ACTIVE) {
            throw ApiProblem.conflict("status", "plan " + p.id() + " is " + p.status(), Map.of());
        }
    }

    private static void requireKnown(ProcurementPlan p, ReferenceData.Known known) {
        for (int i = 0; i < p.models().size(); i++) {
            if (!known.models().containsKey(p.models().get(i))) {
                throw ApiProblem.invalid(
                        "models[" + i + "]",
                        "unknown accelerator model " + p.models().get(i));
            }
        }
        for (int i = 0; i < p.hubs().size(); i++) {
            if (!known.hubs().contains(p.hubs().get(i))) {
                throw ApiProblem.invalid(
                        "hubs[" + i + "]", "unknown hub " + p.hubs().get(i));
            }
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
