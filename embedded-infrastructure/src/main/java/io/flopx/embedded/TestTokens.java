package io.flopx.embedded;

import io.smallrye.jwt.build.Jwt;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens for service tests. Against the WireMock OIDC server they are RS256 tokens signed with
 * its key and shaped like Keycloak's (issuer, audience, {@code realm_access.roles}, {@code tenant});
 * against a real Keycloak ({@code FLOPX_TEST_OIDC_URL}) they come from its token endpoint.
 */
public final class TestTokens {

    /** The audience every FlopX service requires. */
    public static final String AUDIENCE = "flopx-api";
    /** The issuer the WireMock OIDC server announces in its discovery document. */
    public static final String WIREMOCK_ISSUER = "https://server.example.com";

    private TestTokens() {}

    public static String of(DemoUser user) {
        String realm = externalRealmUrl();
        if (realm != null) {
            return KeycloakTokens.password(realm, user.username(), DemoUser.DEMO_PASSWORD);
        }
        return mint(user.username(), user.tenant(), user.roles(), AUDIENCE);
    }

    /** Any user, tenant, roles and audience: for the negative cases only a forged token can express. */
    public static String mint(String username, String tenant, Set<String> roles, String audience) {
        return Jwt.preferredUserName(username)
                .subject(username)
                .issuer(WIREMOCK_ISSUER)
                .audience(audience)
                .claim("realm_access", Map.of("roles", roles))
                .claim("tenant", tenant)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    /** Whether tokens are minted here (the WireMock OIDC server), so a test can shape them (expiry, say). */
    public static boolean minted() {
        return externalRealmUrl() == null;
    }

    /** A user's token that expires {@code in} from now (minted: see {@link #minted()}). */
    public static String expiringIn(DemoUser user, java.time.Duration in) {
        return Jwt.preferredUserName(user.username())
                .subject(user.username())
                .issuer(WIREMOCK_ISSUER)
                .audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", user.roles()))
                .claim("tenant", user.tenant())
                .expiresIn(in)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    static String externalRealmUrl() {
        String url = System.getenv(OidcTestResource.ENV_OIDC_URL);
        return url == null || url.isBlank() ? null : url;
    }
}
