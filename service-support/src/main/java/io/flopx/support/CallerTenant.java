package io.flopx.support;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant the verified token names. A token without one gets no access to tenant-owned data. */
@RequestScoped
public class CallerTenant {

    public static final String CLAIM = "tenant";

    /** The role that may read every tenant's data. */
    public static final String OPERATOR = "operator";

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public CallerTenant(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public boolean isOperator() {
        return identity.hasRole(OPERATOR);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String id() {
        String tenant = token.getClaim(CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("the token names no tenant");
        }
        return tenant;
    }
}
