package io.flopx.support;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant the verified token names. A token without one gets no access to tenant-owned data. */
@RequestScoped
public class CallerTenant {

    public static final String CLAIM = "tenant";

    private final JsonWebToken token;

    public CallerTenant(JsonWebToken token) {
        this.token = token;
    }

    public String id() {
        String tenant = token.getClaim(CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("the token names no tenant");
        }
        return tenant;
    }
}
