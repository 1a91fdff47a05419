package io.flopx.support;

import io.flopx.security.TokenTenant;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;

/** The tenant the verified token names. A token without one gets no access to tenant-owned data. */
@RequestScoped
public class CallerTenant {

    /** The role that may read every tenant's data. */
    public static final String OPERATOR = "operator";

    private final SecurityIdentity identity;

    public CallerTenant(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isOperator() {
        return identity.hasRole(OPERATOR);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String id() {
        String tenant = TokenTenant.of(identity);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("the token names no tenant");
        }
        return tenant;
    }
}
