package io.flopx.settlement.service;

import io.flopx.support.CallerTenant;

/** Who asks: a tenant, and whether it is an operator (who may see and fund every tenant's accounts). */
public record Caller(String tenant, boolean operator) {

    /** The caller the verified token names. */
    public static Caller of(CallerTenant token) {
        return new Caller(token.id(), token.isOperator());
    }

    /** Whether this caller may see the accounts of {@code tenant}. */
    public boolean maySee(String tenant) {
        return operator || this.tenant.equals(tenant);
    }
}
