package io.flopx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class TokenTenantTest {

    private static DefaultJWTCallerPrincipal token(String tenant) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("carol");
        if (tenant != null) {
            claims.setClaim(TokenTenant.CLAIM, tenant);
        }
        return new DefaultJWTCallerPrincipal("raw", "JWT", claims);
    }

    @Test
    void theAttributeKeptWithTheIdentityComesFirst() {
        var identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(token("acme-ai"))
                .addAttribute(TokenTenant.ATTRIBUTE, "kept-tenant")
                .build();
        // The attribute is what VerifiedTokenCache read from this very token: it wins, the claim is not read.
        assertEquals("kept-tenant", TokenTenant.of(identity));
    }

    @Test
    void theVerifiedTokenCacheKeepsTheTenantWithTheIdentity() {
        DefaultJWTCallerPrincipal jwt = token("acme-ai");
        var verified = QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .addRole("enterprise")
                .build();
        var kept = VerifiedTokenCache.withTenant(verified, jwt);
        assertEquals("acme-ai", kept.getAttribute(TokenTenant.ATTRIBUTE));
        // Everything else of the identity stays as OIDC verified it.
        assertSame(jwt, kept.getPrincipal());
        assertTrue(kept.hasRole("enterprise"));
        var noTenant =
                QuarkusSecurityIdentity.builder().setPrincipal(token(null)).build();
        assertSame(
                noTenant, VerifiedTokenCache.withTenant(noTenant, (DefaultJWTCallerPrincipal) noTenant.getPrincipal()));
    }

    @Test
    void withoutTheAttributeTheClaimIsRead() {
        var identity =
                QuarkusSecurityIdentity.builder().setPrincipal(token("acme-ai")).build();
        assertEquals("acme-ai", TokenTenant.of(identity));
    }

    @Test
    void aTokenWithoutTheClaimOrACallerWithoutATokenNamesNoTenant() {
        assertNull(TokenTenant.of(
                QuarkusSecurityIdentity.builder().setPrincipal(token(null)).build()));
        assertNull(TokenTenant.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("someone"))
                .build()));
    }
}
