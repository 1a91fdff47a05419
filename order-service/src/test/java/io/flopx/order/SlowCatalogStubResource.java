package io.flopx.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** catalog-service's reference data, answering after 20 to 200 ms, as a cold or busy catalog does. */
public class SlowCatalogStubResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/models"))
                .willReturn(aResponse()
                        .withUniformRandomDelay(20, 200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        [{"id":"H100-SXM5-80GB","fp16Gflops":989400},{"id":"H200-SXM-141GB","fp16Gflops":989400}]""")));
        server.stubFor(get(urlEqualTo("/hubs"))
                .willReturn(aResponse()
                        .withUniformRandomDelay(20, 200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        [{"id":"gansu"},{"id":"ningxia"}]""")));
        return Map.of("quarkus.rest-client.catalog.url", server.baseUrl());
    }

    /** The stub itself, for tests that make the catalog fail ({@code @SlowCatalogStubResource.Stub WireMockServer}). */
    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Stub.class, WireMockServer.class));
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Stub {}

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
