package io.flopx.settlement.service;

/** Who asks: a tenant, and whether it is an operator (who may see and fund every tenant's accounts). */
public record Caller(String tenant, boolean operator) {

    /** Whether this caller may see the accounts of {@code tenant}. */
    public boolean maySee(String tenant) {
        return operator || this.tenant.equals(tenant);
    }
}
