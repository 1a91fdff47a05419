package io.flopx.matching.service;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.Limits;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.wire.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Answers "what would this order get now?": the fills, hub by hub along the route a real order would
 * take, and their cost. When it would not fill completely, why (the first constraint that leaves no
 * capacity, with the funnel of offerings each constraint keeps) and the nearest way to fill it: the
 * price it needs, another hub, a later start. Read-only. Covers every hub the order allows whichever
 * instance owns it (ExchangeMarkets): a hub whose owner does not answer is left out, and {@code hubsQuoted}
 * says which hubs the answer covers.
 */
@ApplicationScoped
public class QuoteService {

    private static final Logger LOG = Logger.getLogger(QuoteService.class);

    /** The highest limit there is: every listed ask is within it (see Limits). */
    private static final long ANY_PRICE = Limits.MAX_PRICE;

    /** How far past the order's window a later start is looked for. */
    static final int LATER_START_DAYS = 14;

    private final ExchangeMarkets markets;
    private final HubRouter router;

    public QuoteService(ExchangeMarkets markets, HubRouter router) {
        this.markets = markets;
        this.router = router;
    }

    public record QuotedFill(
            String hub,
            UUID offeringId,
            String model,
            UUID siteId,
            int devices,
            Instant start,
            Instant end,
            long pricePerDeviceHour,
            long cost,
            String currency) {}

    /** How many listed offerings are left after each constraint, in order. */
    public record FunnelStep(String constraint, long offerings) {}

    /**
     * The nearest ways to fill it: each constraint relaxed alone (the limit it needs, other hubs, a later
     * start), and, when no single one suffices, the limit and the latest start it needs together
     * ("a limit of 2,500 from 10:00 fills").
     */
    public record Alternatives(
            Long limitPriceNeeded,
            List<String> hubsWithCapacity,
            Instant laterStart,
            LimitAndStart limitAndLaterStart) {}

    /** A limit and a latest start that fill the order together. */
    public record LimitAndStart(long limitPrice, Instant latestStart) {}

    public record Quote(
            boolean complete,
            long requested,
            long filled,
            String unit,
            long cost,
            String currency,
            List<QuotedFill> fills,
            String reason,
            List<FunnelStep> funnel,
            Alternatives alternatives,
            List<String> hubsQuoted) {}

    /**
     * {@code buyer}: the caller trades (an enterprise), so its quote, like its orders, never meets its own tenant's
     * offerings (its resale listings); anyone else's quote is a preview of what a buyer would get.
     */
    public Quote quote(OrderEvent order, boolean buyer) {
        OrderSpec asPlaced = OrderSpecs.of(order, null);
        OrderSpec spec = buyer ? asPlaced : asPlaced.fromNoTenant();
        List<String> hubsKnown = markets.hubs();
        List<String> route = new ArrayList<>(router.route(order).stream()
                .distinct()
                .filter(hubsKnown::contains)
                .toList());
        List<EngineEvent.Fill> fills = fillsAlong(route, spec);
        long filled = fills.stream().mapToLong(EngineEvent.Fill::units).sum();
        boolean complete = filled >= spec.quantity();
        String unit = spec.throughput() ? "GFLOPS" : "devices";
        // Another provider's site stays private, as in search: only the caller's own sites are named.
        List<QuotedFill> quoted = fills.stream()
                .map(f -> new QuotedFill(
                        f.hub(),
                        f.offeringId(),
                        f.model(),
                        order.tenant() != null && order.tenant().equals(f.offeringTenant()) ? f.siteId() : null,
                        f.devices(),
                        hourStart(f.startHour()),
                        hourStart(f.endHour()),
                        f.pricePerDeviceHour(),
                        f.cost(),
                        f.currency()))
                .toList();
        long cost = fills.stream().mapToLong(EngineEvent.Fill::cost).sum();
        if (complete) {
            return new Quote(
                    true, spec.quantity(), filled, unit, cost, spec.currency(), quoted, null, List.of(), null, route);
        }
        List<FunnelStep> funnel = funnel(spec);
        String reason = funnel.stream()
                .filter(s -> s.offerings() == 0)
                .findFirst()
                .map(s -> "no listed capacity passes: " + s.constraint())
                .orElse(
                        filled > 0
                                ? "only part of the quantity is free now under these terms"
                                : "capacity passes every constraint but not enough is free in the start window");
        return new Quote(
                false,
                spec.quantity(),
                filled,
                unit,
                cost,
                spec.currency(),
                quoted,
                reason,
                funnel,
                alternatives(spec, route, hubsKnown),
                route);
    }

    /**
     * Hub by hub along the route, as the order would sweep them. A hub whose owner does not answer is taken
     * out of {@code route} (the caller's list: the answer says which hubs it covers).
     */
    private List<EngineEvent.Fill> fillsAlong(List<String> route, OrderSpec spec) {
        List<EngineEvent.Fill> fills = new ArrayList<>();
        long remaining = spec.quantity();
        for (int i = 0; i < route.size(); i++) {
            List<EngineEvent.Fill> here;
            try {
                here = markets.quote(
                        route.get(i), spec.withQuantity(remaining), spec.quantity() - remaining, i < route.size() - 1);
            } catch (PeerMarkets.Unreachable e) {
                LOG.warnf("quote without hub %s: %s", route.get(i), e.getMessage());
                route.remove(i--);
                continue;
            }
            fills.addAll(here);
            remaining -= here.stream().mapToLong(EngineEvent.Fill::units).sum();
            if (remaining <= 0 || (spec.sameSite() && !here.isEmpty())) {
                break;
            }
        }
        return fills;
    }

    private List<FunnelStep> funnel(OrderSpec o) {
        List<OfferingSpec> left = markets.offerings();
        List<FunnelStep> steps = new ArrayList<>();
        left = step(
                steps,
                left,
                o.throughput() ? "a peak at " + o.precision() : "model in " + o.models(),
                s -> o.throughput()
                        ? s.peakGflops().getOrDefault(o.precision(), 0L) > 0
                                && (o.models().isEmpty() || o.models().contains(s.model()))
                        : o.models().isEmpty() || o.models().contains(s.model()));
        left = step(steps, left, "currency " + o.currency(), s -> s.currency().equals(o.currency()));
        if (o.tenant() != null && left.stream().anyMatch(s -> !o.notOwn(s))) {
            left = step(steps, left, "not your own listing (no self-trade)", o::notOwn);
        }
        left = step(
                steps,
                left,
                o.allowedHubs().isEmpty() ? "any hub" : "hub in " + new TreeSet<>(o.allowedHubs()),
                s -> o.allowedHubs().isEmpty() || o.allowedHubs().contains(s.hub()));
        if (o.maxPueMilli() != null) {
            left = step(steps, left, "PUE at most " + o.maxPueMilli() / 1000.0, s -> s.pueMilli() <= o.maxPueMilli());
        }
        if (o.minGreenRating() != null) {
            left = step(
                    steps,
                    left,
                    "green rating at least " + o.minGreenRating() + "A",
                    s -> s.greenRating() >= o.minGreenRating());
        }
        if (o.interconnect() != null) {
            left = step(
                    steps,
                    left,
                    "interconnect " + o.interconnect(),
                    s -> o.interconnect().equals(s.interconnect()));
        }
        if (o.minReliabilityBps() != null) {
            left = step(
                    steps,
                    left,
                    "delivery record at least " + percent(o.minReliabilityBps()) + " over 30 days (none: excluded)",
                    o::reliableEnough);
        }
        left = step(
                steps,
                left,
                "price within the limit " + o.limitPrice(),
                s -> o.throughput()
                        ? s.pricePerDeviceHour() * 1_000_000
                                <= o.limitPrice() * s.peakGflops().get(o.precision())
                        : s.pricePerDeviceHour() <= o.limitPrice());
        step(
                steps,
                left,
                "listed for a start in the window and the whole duration",
                s -> s.fromHour() <= o.latestStartHour()
                        && s.untilHour() - o.durationHours() >= Math.max(s.fromHour(), o.earliestStartHour()));
        return steps;
    }

    /** Basis points as a percentage with two decimals: 9950 -> "99.50 %". */
    static String percent(int bps) {
        return String.format(java.util.Locale.ROOT, "%d.%02d %%", bps / 100, bps % 100);
    }

    private static List<OfferingSpec> step(
            List<FunnelStep> steps, List<OfferingSpec> in, String constraint, Predicate<OfferingSpec> keeps) {
        List<OfferingSpec> out = in.stream().filter(keeps).toList();
        steps.add(new FunnelStep(constraint, out.size()));
        return out;
    }

    /** Each alternative relaxes one thing and quotes again: the limit, the hubs, the latest start. */
    private Alternatives alternatives(OrderSpec o, List<String> route, List<String> hubsKnown) {
        List<EngineEvent.Fill> atAnyPrice = fillsAlong(route, o.withLimitPrice(ANY_PRICE));
        Long priceNeeded = completes(o, atAnyPrice)
                ? atAnyPrice.stream().mapToLong(f -> limitFor(o, f)).max().orElse(0)
                : null;
        Set<String> hubs = new TreeSet<>();
        if (!o.allowedHubs().isEmpty()) {
            for (String hub : hubsKnown) {
                if (!o.allowedHubs().contains(hub) && completesIn(hub, o.withAllowedHubs(Set.of(hub)))) {
                    hubs.add(hub);
                }
            }
        }
        OrderSpec widened = o.withLatestStartHour(o.latestStartHour() + 24L * LATER_START_DAYS);
        List<EngineEvent.Fill> later = fillsAlong(route, widened);
        Instant laterStart = completes(o, later)
                ? hourStart(later.stream()
                        .mapToLong(EngineEvent.Fill::startHour)
                        .max()
                        .orElse(0))
                : null;
        LimitAndStart together = null;
        if (priceNeeded == null && laterStart == null) {
            List<EngineEvent.Fill> both = fillsAlong(route, widened.withLimitPrice(ANY_PRICE));
            if (completes(o, both)) {
                together = new LimitAndStart(
                        both.stream().mapToLong(f -> limitFor(o, f)).max().orElse(0),
                        hourStart(both.stream()
                                .mapToLong(EngineEvent.Fill::startHour)
                                .max()
                                .orElse(0)));
            }
        }
        return new Alternatives(priceNeeded, List.copyOf(hubs), laterStart, together);
    }

    private boolean completesIn(String hub, OrderSpec o) {
        try {
            return completes(o, markets.quote(hub, o, 0, false));
        } catch (PeerMarkets.Unreachable e) {
            return false;
        }
    }

    private static boolean completes(OrderSpec o, List<EngineEvent.Fill> fills) {
        return !fills.isEmpty()
                && fills.stream().mapToLong(EngineEvent.Fill::units).sum() >= o.quantity();
    }

    /** The limit, in the order's unit, that this fill needs: per device-hour, or per PFLOP-hour rounded up. */
    private static long limitFor(OrderSpec o, EngineEvent.Fill f) {
        return o.throughput()
                ? (f.pricePerDeviceHour() * 1_000_000 + f.gflopsPerDevice() - 1) / f.gflopsPerDevice()
                : f.pricePerDeviceHour();
    }

    private static Instant hourStart(long hour) {
        return Instant.ofEpochSecond(0).plus(hour, ChronoUnit.HOURS);
    }
}
