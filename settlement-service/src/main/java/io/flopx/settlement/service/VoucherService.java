package io.flopx.settlement.service;

import io.flopx.settlement.domain.JournalEntry;
import io.flopx.settlement.domain.Voucher;
import io.flopx.settlement.domain.VoucherHubUse;
import io.flopx.settlement.domain.VoucherProgramTotals;
import io.flopx.settlement.outbox.SettlementOutboxRelay;
import io.flopx.settlement.repository.Ledger;
import io.flopx.settlement.repository.Vouchers;
import io.flopx.support.ApiProblem;
import io.flopx.support.Sha256;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Compute vouchers: issued by operators for a program (and announced to order-service, whose holds take them
 * before money), listed by their holders, spent by fills (VoucherSpending), and lapsed back to their program
 * when they expire.
 */
@ApplicationScoped
public class VoucherService {

    private static final Logger LOG = Logger.getLogger(VoucherService.class);
    /** The longest a voucher may run: provincial programs run for a year or two. */
    static final Duration LONGEST = Duration.ofDays(5 * 366);

    private final Ledger ledger;
    private final Vouchers vouchers;
    private final OncePerKey once;
    private final SettlementOutboxRelay relay;

    public VoucherService(Ledger ledger, Vouchers vouchers, OncePerKey once, SettlementOutboxRelay relay) {
        this.ledger = ledger;
        this.vouchers = vouchers;
        this.once = once;
        this.relay = relay;
    }

    /** A voucher, and whether an earlier request with the same key issued it. */
    public record Issued(Voucher voucher, boolean replayed) {}

    /**
     * Issues the voucher once per idempotency key of the requester (see OncePerKey): a retry answers with the
     * first voucher.
     */
    public Uni<Issued> issue(String requestedBy, String idempotencyKey, IssueVoucher r) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!r.expiresAt().isAfter(now)) {
            throw ApiProblem.invalid("expiresAt", "must be in the future");
        }
        if (r.expiresAt().isAfter(now.plus(LONGEST))) {
            throw ApiProblem.invalid("expiresAt", "must be within five years");
        }
        String hash = Sha256.hex(r.fingerprint());
        Voucher v = new Voucher(
                UUID.randomUUID(),
                r.program(),
                r.tenant(),
                r.currency(),
                r.amount(),
                r.expiresAt(),
                r.hubs(),
                r.minGreenRating(),
                r.maxPueMilli(),
                now,
                null,
                r.amount());
        // Announced on funding-events in the same transaction, for order-service's holds, and published now.
        return once.post(
                        JournalEntry.voucherIssued(v, requestedBy, idempotencyKey, hash),
                        c -> vouchers.insert(c, v).chain(() -> vouchers.announce(c, v.id())))
                .invoke(relay::wake)
                .chain(recorded -> recorded.replayed()
                        // A voucher's id is its issuing entry's.
                        ? vouchers.byId(recorded.entryId()).map(found -> new Issued(found.orElseThrow(), true))
                        : Uni.createFrom().item(new Issued(v, false)));
    }

    /** The caller's vouchers (operators: anyone's, by tenant and program), soonest to expire first. */
    public Uni<List<Voucher>> list(Caller caller, String tenant, String program, int limit) {
        if (!caller.operator()) {
            if (tenant != null && !tenant.equals(caller.tenant())) {
                return Uni.createFrom().item(List.of());
            }
            return vouchers.list(caller.tenant(), program, limit);
        }
        return vouchers.list(tenant, program, limit);
    }

    public Uni<List<VoucherProgramTotals>> program(String program) {
        return vouchers.programTotals(program);
    }

    /** What a program's vouchers paid for, per currency and hub. */
    public Uni<List<VoucherHubUse>> programUse(String program) {
        return vouchers.programUse(program);
    }

    /**
     * Returns what expired vouchers left unspent to their programs, a batch at a time; each voucher once
     * (its lapse entry's id is derived from the voucher, and the voucher is marked in the same transaction).
     *
     * @return how many vouchers lapsed
     */
    public Uni<Integer> lapseExpired(Instant now, int batch) {
        return vouchers.dueToLapse(now, batch).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Boolean>> lapses = due.stream().map(v -> lapse(v, now)).toList();
            return Uni.join().all(lapses).andCollectFailures().map(done ->
                    (int) done.stream().filter(Boolean::booleanValue).count());
        });
    }

    private Uni<Boolean> lapse(Voucher v, Instant now) {
        if (v.remaining() == 0) {
            return vouchers.markLapsed(v.id(), now);
        }
        return ledger.post(
                        JournalEntry.voucherLapsed(v, v.remaining(), now),
                        c -> vouchers.markLapsed(c, v.id(), now)
                                .invoke(marked -> {
                                    if (!marked) {
                                        throw new IllegalStateException("voucher " + v.id() + " lapsed meanwhile");
                                    }
                                })
                                .replaceWithVoid())
                .replaceWith(true)
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("voucher %s not lapsed now (%s); the next round sees it again", v.id(), e.toString());
                    return false;
                });
    }
}
