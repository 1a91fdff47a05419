package io.flopx.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Stands in for catalog-service's reference data (a real HTTP server): the models and hubs orders are
 * checked against; and for matching-service's quote, answering a fixed quote and keeping what was asked.
 * It answers only when the caller forwards a bearer token, as the real ones do.
 */
public class CatalogStubResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    /** The bodies order-service sent to the matcher's quote endpoint, oldest first. */
    static java.util.List<String> quoteRequests() {
        return server
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/market/quote")))
                .stream()
                .map(r -> r.getBodyAsString())
                .toList();
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/models")).willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlEqualTo("/models"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        [{"id":"H100-SXM5-80GB","fp16Gflops":989400},{"id":"H200-SXM-141GB","fp16Gflops":989400},
                         {"id":"A100-SXM4-80GB"},{"id":"L40S-48GB"},{"id":"MI300X-192GB"},{"id":"ASCEND-910B"}]""")));
        server.stubFor(get(urlEqualTo("/hubs"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        [{"id":"jing-jin-ji"},{"id":"yangtze-delta"},{"id":"greater-bay"},{"id":"chengdu-chongqing"},
                         {"id":"inner-mongolia"},{"id":"guizhou"},{"id":"gansu"},{"id":"ningxia"}]""")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/market/quote"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"complete":false,"requested":2,"filled":0,"unit":"devices","cost":0,"currency":"CNY","fills":[],
                         "reason":"no listed capacity passes: hub in [gansu]"}""")));
        return Map.of(
                "quarkus.rest-client.catalog.url",
                server.baseUrl(),
                "quarkus.rest-client.matching.url",
                server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
