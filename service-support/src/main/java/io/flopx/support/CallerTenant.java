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

    /**
     * A listing's {@code ?tenant=}, checked before it is read: operators may name any tenant (or none: all), anyone
     * else only their own. Without this a buyer asking for another tenant's orders got their own, answered as if
     * filtered; now a 403 naming the parameter.
     */
    public void mayName(String tenant) {
        if (tenant != null && !isOperator() && !tenant.equals(id())) {
            throw new ApiProblem(
                    403, "Forbidden", "tenant", "only operators may name another tenant; yours is " + id());
        }
    }

    public String id() {
        String tenant = TokenTenant.of(identity);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("the token names no tenant");
        }
        return tenant;
    }
}
