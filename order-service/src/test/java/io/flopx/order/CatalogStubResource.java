package io.flopx.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for catalog-service's reference data (a real HTTP server): the models and hubs orders are
 * checked against. It answers only when the caller forwards a bearer token, as the real one does.
 */
public class CatalogStubResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/models")).willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlEqualTo("/models"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        [{"id":"H100-SXM5-80GB"},{"id":"H200-SXM-141GB"},{"id":"A100-SXM4-80GB"},
                         {"id":"L40S-48GB"},{"id":"MI300X-192GB"},{"id":"ASCEND-910B"}]""")));
        server.stubFor(get(urlEqualTo("/hubs"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        [{"id":"jing-jin-ji"},{"id":"yangtze-delta"},{"id":"greater-bay"},{"id":"chengdu-chongqing"},
                         {"id":"inner-mongolia"},{"id":"guizhou"},{"id":"gansu"},{"id":"ningxia"}]""")));
        return Map.of("quarkus.rest-client.catalog.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
