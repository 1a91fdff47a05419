package io.flopx.settlement.service;

import io.flopx.settlement.domain.Balance;
import io.flopx.settlement.domain.JournalEntry;
import io.flopx.settlement.domain.LedgerTotals;
import io.flopx.settlement.domain.MonthlyStatement;
import io.flopx.settlement.domain.StatementLine;
import io.flopx.settlement.outbox.SettlementOutboxRelay;
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
import java.util.function.Supplier;

/** Tenants' accounts: funding, credit limits, balances and statements. */
@ApplicationScoped
public class AccountService {

    private final Ledger ledger;
    private final OncePerKey once;
    private final SettlementOutboxRelay relay;

    public AccountService(Ledger ledger, OncePerKey once, SettlementOutboxRelay relay) {
        this.ledger = ledger;
        this.once = once;
        this.relay = relay;
    }

    /** A top-up, and whether it was made by an earlier request with the same key. */
    public record Funded(UUID entryId, TopUp topUp, Balance balance, boolean replayed) {}

    /**
     * Credits the tenant's available money, once per idempotency key of the requester (see OncePerKey): a
     * retry with the same key and request answers with the first top-up.
     */
    public Uni<Funded> topUp(String requestedBy, String idempotencyKey, TopUp topUp) {
        JournalEntry entry = JournalEntry.topUp(
                UUID.randomUUID(),
                topUp.tenant(),
                topUp.currency(),
                topUp.amount(),
                topUp.reference(),
                requestedBy,
                idempotencyKey,
                Sha256.hex(topUp.fingerprint()),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        // The new funding is in the outbox with the entry: published now rather than at the next poll.
        return once.post(entry)
                .invoke(relay::wake)
                .chain(recorded -> balance(topUp.tenant(), topUp.currency())
                        .map(b -> new Funded(recorded.entryId(), topUp, b, recorded.replayed())));
    }

    /** Sets a credit limit; refused (409) below the credit the account already uses. */
    public Uni<Balance> setCreditLimit(CreditLimit limit) {
        return ledger.setCreditLimit(limit.tenant(), limit.currency(), limit.creditLimit())
                .onFailure(e -> Ledger.violated(e, Ledger.NOT_OVERDRAWN))
                .transform(e -> ApiProblem.conflict(
                        "creditLimit",
                        "the account already uses more credit than " + limit.creditLimit() + " " + limit.currency(),
                        Map.of("tenant", limit.tenant())))
                .invoke(relay::wake)
                .chain(() -> balance(limit.tenant(), limit.currency()));
    }

    /** The tenant's balances in every currency it has accounts in; another tenant's are not found. */
    public Uni<List<Balance>> balances(Caller caller, String tenant) {
        return visible(caller, tenant, () -> ledger.balances(tenant));
    }

    public Uni<List<StatementLine>> statement(Caller caller, StatementQuery q) {
        return visible(
                caller, q.tenant(), () -> ledger.statement(q.tenant(), q.currency(), q.kind(), q.after(), q.limit()));
    }

    /** A tenant's month in one currency; months that have not begun are refused (422). */
    public Uni<MonthlyStatement> monthly(Caller caller, String tenant, String currency, YearMonth month) {
        if (month.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw ApiProblem.invalid("month", month + " has not begun");
        }
        return visible(caller, tenant, () -> ledger.month(tenant, currency, month));
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

    /** Another tenant's accounts are not found (a 404, like any object of another tenant). */
    private static <T> Uni<T> visible(Caller caller, String tenant, Supplier<Uni<T>> read) {
        return caller.maySee(tenant) ? read.get() : Uni.createFrom().failure(ApiProblem.notFound("account"));
    }
}
