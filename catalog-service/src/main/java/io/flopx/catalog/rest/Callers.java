package io.flopx.catalog.rest;

import io.flopx.catalog.service.Caller;
import io.flopx.support.CallerTenant;

final class Callers {

    private Callers() {}

    static Caller of(CallerTenant caller) {
        return new Caller(caller.id(), caller.isOperator());
    }
}
