package io.flopx.matching.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flopx.matching.engine.EngineEvent;
import io.flopx.matching.engine.MatchingEngine;
import io.flopx.matching.engine.OfferingSpec;
import io.flopx.matching.engine.OrderSpec;
import io.flopx.matching.messaging.MarketCommand;
import io.flopx.matching.messaging.MarketEvent;
import io.flopx.matching.messaging.OfferingEvent;
import io.flopx.matching.messaging.OrderEvent;

/**
 * Owns the engine and translates between the command log and engine commands. The engine is
 * single-threaded and fed in the log's order by one consumer; the monitor guards it from the REST reads.
 */
@ApplicationScoped
public class MarketService {

    private static final Logger LOG = Logger.getLogger(MarketService.class);
    private static final long SECONDS_PER_HOUR = 3600;

    private final MatchingEngine engine = MatchingEngine.indexed();
    /** The newest version seen per order: a repeated amendment is not a second cancel-replace. */
    private final Map<UUID, Long> orderVersions = new HashMap<>();
    private final ObjectMapper json;

    public MarketService(ObjectMapper json) {
        this.json = json;
    }

    /** Applies one entry of the command log (see MarketCommand) and returns what the market decided. */
    public synchronized List<MarketEvent> apply(String commandJson) {
        try {
            MarketCommand command = json.readValue(commandJson, MarketCommand.class);
            return switch (command.kind()) {
                case MarketCommand.OFFERING -> onOffering(json.readValue(command.payload(), OfferingEvent.class));
                case MarketCommand.ORDER -> onOrder(json.readValue(command.payload(), OrderEvent.class));
                case MarketCommand.CLOCK -> expire(Instant.ofEpochSecond(command.atSecond()));
                default -> List.of();
            };
        } catch (JsonProcessingException e) {
            // A command nobody can read is skipped, not retried forever: the log must keep moving.
            LOG.errorf("unreadable market command skipped: %s", e.getOriginalMessage());
            return List.of();
        }
    }

    public synchronized boolean hasExpiredOrders(long nowSecond) {
        return engine.hasExpired(nowSecond);
    }

    public synchronized String stateHash() {
        return engine.stateHash();
    }

    /** Each record carries the offering's full state; the engine keeps the newest version it has seen. */
    public synchronized List<MarketEvent> onOffering(OfferingEvent e) {
        OfferingSpec spec = new OfferingSpec(e.offeringId(), e.tenant(), e.model(), e.hub(), e.siteId(), e.pueMilli(),
                e.greenRating(), e.interconnect(), e.tdpWatts(), e.peakGflops() == null ? Map.of() : e.peakGflops(),
                e.devices(), hour(e.availableFrom()), hour(e.availableUntil()), e.pricePerDeviceHour(), e.currency());
        return switch (e.type()) {
            case OfferingEvent.LISTED, OfferingEvent.AMENDED -> toMarketEvents(engine.putOffering(spec, e.version()), null);
            case OfferingEvent.WITHDRAWN -> {
                engine.withdrawOffering(e.offeringId(), e.version());
                yield List.of();
            }
            default -> List.of();
        };
    }

    public synchronized List<MarketEvent> onOrder(OrderEvent e) {
        Long seen = orderVersions.get(e.orderId());
        if (seen != null && e.version() <= seen && !OrderEvent.CANCEL_REQUESTED.equals(e.type())) {
            return List.of();
        }
        orderVersions.merge(e.orderId(), e.version(), Math::max);
        if (OrderEvent.PLACED.equals(e.type()) && (e.kind() == null || e.limitPrice() <= 0 || e.currency() == null)) {
            // An order event in a shape this matcher does not know (an older schema, say) is refused, not guessed.
            return toMarketEvents(List.of(new EngineEvent.Rejected(e.orderId(), e.tenant(),
                    "order event not understood: kind, limitPrice and currency are required")), null);
        }
        Set<String> hubs = e.allowedHubs() == null ? Set.of() : Set.copyOf(e.allowedHubs());
        String hub = hubs.size() == 1 ? hubs.iterator().next() : null;
        return switch (e.type()) {
            case OrderEvent.PLACED -> toMarketEvents(engine.placeOrder(spec(e, hubs)), hub);
            case OrderEvent.AMENDED -> toMarketEvents(engine.amendOrder(spec(e, hubs)), hub);
            case OrderEvent.CANCEL_REQUESTED -> toMarketEvents(engine.cancelOrder(e.orderId(), "cancelled by the enterprise"), hub);
            default -> List.of();
        };
    }

    /** Expires orders whose good-till time has passed. */
    public synchronized List<MarketEvent> expire(Instant now) {
        return toMarketEvents(engine.expire(now.getEpochSecond()), null);
    }

    /** Anonymised depth per hub and model: listed offerings and devices, and resting orders. */
    public synchronized List<DepthRow> depth() {
        Map<String, long[]> rows = new TreeMap<>();
        engine.offerings().forEach(o -> {
            long[] r = rows.computeIfAbsent(o.hub() + "|" + o.model(), k -> new long[3]);
            r[0]++;
            r[1] += o.devices();
        });
        engine.restingOrderSpecs().forEach(o -> {
            String hub = o.allowedHubs().size() == 1 ? o.allowedHubs().iterator().next() : "any";
            String model = o.models().size() == 1 ? o.models().iterator().next() : o.throughput() ? o.precision() : "any";
            rows.computeIfAbsent(hub + "|" + model, k -> new long[3])[2]++;
        });
        List<DepthRow> out = new ArrayList<>();
        rows.forEach((k, v) -> {
            String[] parts = k.split("\\|", 2);
            out.add(new DepthRow(parts[0], parts[1], v[0], v[1], v[2]));
        });
        return out;
    }

    public record DepthRow(String hub, String model, long offerings, long devicesListed, long restingOrders) {
    }

    private static OrderSpec spec(OrderEvent e, Set<String> hubs) {
        boolean throughput = "THROUGHPUT".equals(e.kind());
        long quantity = e.remainingQuantity() > 0 ? e.remainingQuantity()
                : throughput ? e.throughputGflops() : e.devices();
        boolean partial = "PARTIAL".equals(e.fillPolicy());
        boolean ioc = "IMMEDIATE_OR_CANCEL".equals(e.timeInForce());
        return new OrderSpec(e.orderId(), e.tenant(), throughput, e.models() == null ? Set.of() : Set.copyOf(e.models()),
                quantity, e.precision(), e.durationHours(), hour(e.earliestStart()), hour(e.latestStart()), e.limitPrice(),
                e.currency(), hubs, e.maxPueMilli(), e.minGreenRating(), e.interconnect(), e.sameSite(), partial,
                partial && e.minFill() != null ? e.minFill() : quantity, ioc,
                ioc || e.goodTill() == null ? (ioc ? 0 : Long.MAX_VALUE) : e.goodTill().getEpochSecond());
    }

    private static List<MarketEvent> toMarketEvents(List<EngineEvent> events, String orderHub) {
        Instant now = Instant.now();
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (EngineEvent event : events) {
            out.add(switch (event) {
                case EngineEvent.Fill f -> new MarketEvent(f.fillId(), MarketEvent.FILL, now, f.hub(), f.orderId(),
                        f.orderTenant(), f.offeringId(), f.offeringTenant(), f.model(), f.siteId(), f.pueMilli(),
                        f.tdpWatts(), f.gflopsPerDevice(), f.devices(), instant(f.startHour()), instant(f.endHour()),
                        f.pricePerDeviceHour(), f.cost(), f.currency(), null);
                case EngineEvent.Resting r -> verdict(MarketEvent.ORDER_RESTING, now, orderHub, r.orderId(), r.orderTenant(), r.reason());
                case EngineEvent.Rejected r -> verdict(MarketEvent.ORDER_REJECTED, now, orderHub, r.orderId(), r.orderTenant(), r.reason());
                case EngineEvent.Cancelled r -> verdict(MarketEvent.ORDER_CANCELLED, now, orderHub, r.orderId(), r.orderTenant(), r.reason());
                case EngineEvent.Expired r -> verdict(MarketEvent.ORDER_EXPIRED, now, orderHub, r.orderId(), r.orderTenant(), r.reason());
            });
        }
        return out;
    }

    private static MarketEvent verdict(String type, Instant now, String hub, UUID orderId, String tenant, String reason) {
        // A verdict's id is derived from the order and the verdict, so a replay does not invent a new one.
        UUID id = UUID.nameUUIDFromBytes((type + ":" + orderId).getBytes(StandardCharsets.UTF_8));
        return new MarketEvent(id, type, now, hub, orderId, tenant, null, null, null, null, null, null, null, null, null,
                null, null, null, null, reason);
    }

    private static long hour(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), SECONDS_PER_HOUR);
    }

    private static Instant instant(long hour) {
        return Instant.ofEpochSecond(hour * SECONDS_PER_HOUR);
    }
}
