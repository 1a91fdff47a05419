package io.flopx.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.client.api.MarketApi;
import io.flopx.client.api.OfferingsApi;
import io.flopx.client.api.OrdersApi;
import io.flopx.client.api.SitesApi;
import io.flopx.client.invoker.ApiClient;
import io.flopx.client.invoker.ApiException;
import io.flopx.client.model.CreateOfferingRequest;
import io.flopx.client.model.CreateSiteRequest;
import io.flopx.client.model.Interconnect;
import io.flopx.client.model.OfferingView;
import io.flopx.client.model.OrderKind;
import io.flopx.client.model.OrderView;
import io.flopx.client.model.PlaceOrderRequest;
import io.flopx.client.model.SiteView;
import io.flopx.embedded.DemoAgent;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the deploy tests do through a FlopX gateway as the demo users: the shared stack's by default
 * ({@link #as}, {@link #listed}), or any other, such as one run from the images ({@link #at}).
 */
final class Gateway {

    private final URI gateway;
    private final String realmUrl;

    private Gateway(URI gateway, String realmUrl) {
        this.gateway = gateway;
        this.realmUrl = realmUrl;
    }

    /** The gateway at {@code url}, with tokens from the Keycloak realm at {@code realmUrl}. */
    static Gateway at(String url, String realmUrl) {
        return new Gateway(URI.create(url), realmUrl);
    }

    static Gateway shared() {
        return at(
                SharedStack.stack().config().gatewayUrl(),
                SharedStack.stack().config().realmUrl());
    }

    /** A request to the shared stack as {@code user}, with a fresh token from the stack's Keycloak. */
    static RequestSpecification as(DemoUser user) {
        return shared().request(user);
    }

    /** {@link #list} on the shared stack. */
    static String listed(
            DemoUser provider, String siteName, String hub, String model, int devices, long price, Instant from) {
        return shared().list(provider, siteName, hub, model, devices, price, from);
    }

    /** A request to the shared stack as a provider's delivery agent, with its own client-credentials token. */
    static RequestSpecification asAgent(DemoAgent agent) {
        Gateway g = shared();
        String token = KeycloakTokens.clientCredentials(g.realmUrl, agent.clientId(), agent.secret());
        return given().baseUri(g.gateway.getScheme() + "://" + g.gateway.getHost())
                .port(g.gateway.getPort())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON);
    }

    RequestSpecification request(DemoUser user) {
        String token = KeycloakTokens.password(realmUrl, user.username(), DemoUser.DEMO_PASSWORD);
        return given().baseUri(gateway.getScheme() + "://" + gateway.getHost())
                .port(gateway.getPort())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON);
    }

    /**
     * A provider lists {@code devices} of {@code model} at a new site in {@code hub} for a day from
     * {@code from}, at {@code price} per device-hour; returns the offering's id once the matcher's book
     * shows that ask (so an order placed next meets it).
     */
    String list(DemoUser provider, String siteName, String hub, String model, int devices, long price, Instant from) {
        return list(provider, siteName, hub, model, devices, price, from, from.plus(24, ChronoUnit.HOURS), null);
    }

    /** {@link #list} until {@code until}, with an availability commitment (basis points; null: best effort). */
    String list(
            DemoUser provider,
            String siteName,
            String hub,
            String model,
            int devices,
            long price,
            Instant from,
            Instant until,
            Integer availabilityBps) {
        return list(
                provider, siteName, hub, model, devices, price, from, until, availabilityBps, Duration.ofSeconds(30));
    }

    /** {@link #list} waiting up to {@code bookWait} for the ask to show in the book. */
    String list(
            DemoUser provider,
            String siteName,
            String hub,
            String model,
            int devices,
            long price,
            Instant from,
            Instant until,
            Integer availabilityBps,
            Duration bookWait) {
        // Through the typed client (flopx-client), as a provider's script would.
        try {
            ApiClient api = client(provider);
            SiteView site = new SitesApi(api)
                    .create(new CreateSiteRequest()
                            .name(siteName)
                            .hub(hub)
                            .pue(new BigDecimal("1.2"))
                            .greenRating("5A")
                            .backboneConnected(true)
                            .interconnect(Interconnect.ROCE));
            OfferingView offering = new OfferingsApi(api)
                    .create(new CreateOfferingRequest()
                            .model(model)
                            .siteId(site.getId())
                            .devices(devices)
                            .availableFrom(from.atOffset(ZoneOffset.UTC))
                            .availableUntil(until.atOffset(ZoneOffset.UTC))
                            .pricePerDeviceHour(price)
                            .currency("CNY")
                            .availabilityBps(availabilityBps));
            MarketApi market = new MarketApi(client(DemoUser.OLIVIA));
            await().atMost(bookWait)
                    .until(() -> market.depth(hub, model).stream()
                            .anyMatch(book -> Long.valueOf(price).equals(book.getBestAsk())));
            return offering.getId().toString();
        } catch (ApiException e) {
            throw refused(e);
        }
    }

    /** An order for {@code devices} of {@code model} in {@code hub}, starting at {@code from}, in CNY (a mutable map). */
    static Map<String, Object> devicesOrder(
            String model, int devices, int hours, Instant from, long limit, String hub) {
        return new HashMap<>(Map.of(
                "kind",
                "DEVICES",
                "models",
                List.of(model),
                "devices",
                devices,
                "durationHours",
                hours,
                "earliestStart",
                from.toString(),
                "limitPrice",
                limit,
                "currency",
                "CNY",
                "hubs",
                List.of(hub)));
    }

    /** A smoke trade: alice lists, carol buys all of it at the ask; returns once carol's order is FILLED. */
    void smokeTrade(String hub, String model, long price, Instant from) {
        String offering = list(DemoUser.ALICE, "Smoke " + price, hub, model, 4, price, from);
        OrdersApi orders = new OrdersApi(client(DemoUser.CAROL));
        OrderView placed;
        try {
            placed = orders.place(
                    new PlaceOrderRequest()
                            .kind(OrderKind.DEVICES)
                            .models(List.of(model))
                            .devices(4)
                            .durationHours(2)
                            .earliestStart(from.atOffset(ZoneOffset.UTC))
                            .limitPrice(price)
                            .currency("CNY")
                            .hubs(List.of(hub)),
                    null);
        } catch (ApiException e) {
            throw refused(e);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            OrderView order = orders.get(placed.getId());
            assertEquals("FILLED", order.getStatus(), order.toString());
            assertEquals(offering, order.getFills().get(0).getOfferingId().toString());
        });
    }

    /** A call the helpers expect to succeed was refused: the test fails with the exchange's answer. */
    private static AssertionError refused(ApiException e) {
        return new AssertionError("the exchange answered " + e.getCode() + ": " + e.getResponseBody(), e);
    }

    /** The typed public API client (flopx-client) calling as {@code user}, with a fresh token. */
    ApiClient client(DemoUser user) {
        String token = KeycloakTokens.password(realmUrl, user.username(), DemoUser.DEMO_PASSWORD);
        ApiClient api = new ApiClient();
        api.updateBaseUri(gateway.toString().replaceAll("/$", ""));
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return api;
    }
}
