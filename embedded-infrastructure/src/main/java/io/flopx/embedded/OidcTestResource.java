package io.flopx.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The OIDC provider a service's tests verify tokens against. By default a WireMock OIDC server that
 * serves discovery and a JWKS: {@link TestTokens} signs real RS256 tokens with its key, and quarkus-oidc
 * verifies them for real. {@code FLOPX_TEST_OIDC_URL} (the realm URL of a Keycloak that imported
 * {@code deploy/keycloak/flopx-realm.json}) switches both to a real Keycloak.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_OIDC_URL = "FLOPX_TEST_OIDC_URL";

    private OidcWiremockTestResource wiremock;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String external = TestTokens.externalRealmUrl();
        if (external != null) {
            config.put("quarkus.oidc.auth-server-url", external);
        } else {
            wiremock = new OidcWiremockTestResource();
            String keycloakUrl = wiremock.start().get("keycloak.url");
            config.put("quarkus.oidc.auth-server-url", keycloakUrl + "/realms/quarkus");
        }
        return config;
    }

    @Override
    public void stop() {
        if (wiremock != null) {
            wiremock.stop();
        }
    }
}
