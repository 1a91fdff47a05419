package io.flopx.settlement.rest;

import io.flopx.settlement.domain.Balance;
import java.util.List;

/** A tenant's balances, one per currency it has money in. */
public record AccountView(String tenant, List<BalanceView> balances) {

    static AccountView of(String tenant, List<Balance> balances) {
        return new AccountView(tenant, balances.stream().map(BalanceView::of).toList());
    }
}
