package io.flopx.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant a verified token names (its {@code tenant} claim), read once per token.
 *
 * <p>Why not {@code JsonWebToken.getClaim("tenant")} on every request: smallrye-jwt looks every claim name up
 * in the standard claims' enum first, and for a name that is not one of them ({@code tenant}) that lookup
 * throws and catches an {@code IllegalArgumentException}, filling in a stack trace as deep as the reactive
 * chain that asked. The load profile found one such exception per request in the gateway and in each service
 * (about 4 % of order-service's CPU on a simple read). {@link VerifiedTokenCache} reads the claim once, when
 * it keeps a token's identity, and stores it as the identity's attribute {@link #ATTRIBUTE}.
 */
public final class TokenTenant {

    /** The claim that names the caller's tenant. */
    public static final String CLAIM = "tenant";

    /** The identity attribute that holds the claim's value, read once per verified token. */
    public static final String ATTRIBUTE = "io.flopx.security.tenant";

    private TokenTenant() {}

    /** The tenant {@code identity}'s token names, or null if it names none (or the caller has no token). */
    public static String of(SecurityIdentity identity) {
        Object known = identity.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known.toString();
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? claim(jwt) : null;
    }

    /** The claim read from the token itself (the slow way, see the class comment). */
    static String claim(JsonWebToken jwt) {
        Object tenant = jwt.getClaim(CLAIM);
        return tenant == null ? null : tenant.toString();
    }
}
