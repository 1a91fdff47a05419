package io.flopx.settlement.rest;

import io.flopx.settlement.service.AccountService;
import java.util.UUID;

/** A top-up as recorded, and the tenant's balance in its currency after it. */
public record TopUpView(
        UUID entryId, String tenant, String currency, long amount, String reference, BalanceView balance) {

    static TopUpView of(AccountService.Funded f) {
        return new TopUpView(
                f.entryId(),
                f.topUp().tenant(),
                f.topUp().currency(),
                f.topUp().amount(),
                f.topUp().reference(),
                BalanceView.of(f.balance()));
    }
}
