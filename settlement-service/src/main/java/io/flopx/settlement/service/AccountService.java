package io.flopx.settlement.service;

import io.flopx.settlement.domain.Balance;
import io.flopx.settlement.domain.Currencies;
import io.flopx.settlement.domain.JournalEntry;
import io.flopx.settlement.domain.LedgerTotals;
import io.flopx.settlement.domain.MonthlyStatement;
import io.flopx.settlement.domain.StatementLine;
import io.flopx.settlement.repository.Ledger;
import io.flopx.support.ApiProblem;
import io.flopx.support.Sha256;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tenants' accounts: funding, credit limits, balances and statements. */
@ApplicationScoped
public class AccountService {

    private final Ledger ledger;

    public AccountService(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A top-up, and whether it was made by an earlier request with the same key. */
    public record Funded(UUID entryId, TopUp topUp, Balance balance, boolean replayed) {}

    /**
     * Credits the tenant's available money, once per idempotency key of the requester: a retry with the
     * same key and request returns the first top-up; the same key with another request is refused (422).
     * The entry is always attempted and the key's unique index decides: concurrent requests with one key
     * make one entry, and the others (like any later retry) find it and answer with it.
     */
    public Uni<Funded> topUp(String requestedBy, String idempotencyKey, TopUp topUp) {
        knownCurrency(topUp.currency());
        String hash = Sha256.hex(topUp.fingerprint());
        JournalEntry entry = JournalEntry.topUp(
                UUID.randomUUID(),
                topUp.tenant(),
                topUp.currency(),
                topUp.amount(),
                topUp.reference(),
                requestedBy,
                idempotencyKey,
                hash,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return ledger.post(entry)
                .chain(() -> balance(topUp.tenant(), topUp.currency()))
                .map(b -> new Funded(entry.id(), topUp, b, false))
                .onFailure(e -> Ledger.violated(e, Ledger.IDEMPOTENCY_INDEX))
                .recoverWithUni(e -> ledger.byKey(requestedBy, idempotencyKey)
                        .chain(earlier -> replay(earlier.orElseThrow(), hash, topUp)));
    }

    private Uni<Funded> replay(Ledger.KeyedEntry earlier, String hash, TopUp topUp) {
        if (!earlier.requestHash().equals(hash)) {
            throw new ApiProblem(
                    422,
                    "Unprocessable Content",
                    "Idempotency-Key",
                    "this key was used for a different request (entry " + earlier.id() + ")");
        }
        return balance(topUp.tenant(), topUp.currency()).map(b -> new Funded(earlier.id(), topUp, b, true));
    }

    /** Sets a credit limit; refused (409) below the credit the account already uses. */
    public Uni<Balance> setCreditLimit(CreditLimit limit) {
        knownCurrency(limit.currency());
        return ledger.setCreditLimit(limit.tenant(), limit.currency(), limit.creditLimit())
                .onFailure(e -> Ledger.violated(e, Ledger.NOT_OVERDRAWN))
                .transform(e -> ApiProblem.conflict(
                        "creditLimit",
                        "the account already uses more credit than " + limit.creditLimit() + " " + limit.currency(),
                        Map.of("tenant", limit.tenant())))
                .chain(() -> balance(limit.tenant(), limit.currency()));
    }

    /** The tenant's balances in every currency it has accounts in; another tenant's are not found. */
    public Uni<List<Balance>> balances(Caller caller, String tenant) {
        if (!caller.maySee(tenant)) {
            return Uni.createFrom().failure(ApiProblem.notFound("account"));
        }
        return ledger.balances(tenant);
    }

    public Uni<List<StatementLine>> statement(Caller caller, StatementQuery query) {
        if (!caller.maySee(query.tenant())) {
            return Uni.createFrom().failure(ApiProblem.notFound("account"));
        }
        return ledger.statement(query.tenant(), query.currency(), query.kind(), query.after(), query.limit());
    }

    /** A tenant's month in one currency; months that have not begun are refused (422). */
    public Uni<MonthlyStatement> monthly(Caller caller, String tenant, String currency, YearMonth month) {
        knownCurrency(currency);
        if (month.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw ApiProblem.invalid("month", month + " has not begun");
        }
        if (!caller.maySee(tenant)) {
            return Uni.createFrom().failure(ApiProblem.notFound("account"));
        }
        return ledger.month(tenant, currency, month);
    }

    /** The exchange's money per currency, for operators. */
    public Uni<List<LedgerTotals>> totals() {
        return ledger.totals();
    }

    private Uni<Balance> balance(String tenant, String currency) {
        return ledger.balances(tenant)
                .map(all -> all.stream()
                        .filter(b -> b.currency().equals(currency))
                        .findFirst()
                        .orElse(Balance.empty(tenant, currency)));
    }

    private static void knownCurrency(String currency) {
        if (!Currencies.known(currency)) {
            throw ApiProblem.invalid("currency", currency + " is not an ISO 4217 currency this exchange holds");
        }
    }
}
