package io.flopx.gateway.proxy;

import io.flopx.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps public paths under {@code /api} to the service that owns them. The service sees the path without
 * the {@code /api} prefix, e.g. {@code /api/orders/42} reaches order-service as {@code /orders/42}.
 */
@ApplicationScoped
public class RouteTable {

    public static final String PREFIX = "/api";

    private final Map<String, Upstream> byFirstSegment = new LinkedHashMap<>();
    /** Paths owned by another service than their first segment says. */
    private final Map<String, Upstream> exact = new LinkedHashMap<>();

    public RouteTable(GatewayConfig config) {
        Upstream catalog = new Upstream("catalog-service", config.catalogUrl());
        Upstream order = new Upstream("order-service", config.orderUrl());
        Upstream matching = new Upstream("matching-service", config.matchingUrl());
        Upstream settlement = new Upstream("settlement-service", config.settlementUrl());
        byFirstSegment.put("models", catalog);
        byFirstSegment.put("hubs", catalog);
        byFirstSegment.put("sites", catalog);
        byFirstSegment.put("offerings", catalog);
        byFirstSegment.put("leases", catalog);
        byFirstSegment.put("resales", catalog);
        byFirstSegment.put("reliability", catalog);
        byFirstSegment.put("orders", order);
        byFirstSegment.put("buying-power", order);
        byFirstSegment.put("plans", order);
        byFirstSegment.put("market", matching);
        byFirstSegment.put("accounts", settlement);
        byFirstSegment.put("ledger", settlement);
        byFirstSegment.put("vouchers", settlement);
        byFirstSegment.put("settlements", settlement);
        byFirstSegment.put("fees", settlement);
        byFirstSegment.put("deliveries", settlement);
        byFirstSegment.put("disputes", settlement);
        // A quote takes exactly an order's body: order-service validates it as an order, then asks the matcher.
        exact.put(PREFIX + "/market/quote", order);
    }

    /** The upstream for a public path such as {@code /api/orders/42}, if any. */
    public Optional<Upstream> route(String publicPath) {
        if (!publicPath.startsWith(PREFIX + "/")) {
            return Optional.empty();
        }
        Upstream owner = exact.get(publicPath);
        if (owner != null) {
            return Optional.of(owner);
        }
        String rest = publicPath.substring(PREFIX.length() + 1);
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return Optional.ofNullable(byFirstSegment.get(first));
    }

    /** Every service behind the gateway, once each. */
    public List<Upstream> upstreams() {
        return byFirstSegment.values().stream().distinct().toList();
    }

    public static String upstreamPath(String publicPath) {
        return publicPath.substring(PREFIX.length());
    }
}
