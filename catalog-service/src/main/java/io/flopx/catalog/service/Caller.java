package io.flopx.catalog.service;

/** Who is asking: their tenant and whether they are an operator, who may read every tenant's data. */
public record Caller(String tenant, boolean operator) {

    public boolean mayRead(String owner) {
        return operator || tenant.equals(owner);
    }
}
