package io.flopx.settlement.service;

import io.flopx.settlement.domain.Lease;
import io.flopx.settlement.repository.Leases;
import io.flopx.support.ApiProblem;
import io.flopx.support.Cursor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The money of fills: a fill's cost goes from the buyer to the provider's escrow when it trades, from escrow
 * to the provider's payable (less the exchange's fee) as its hour slots pass, and back to the buyer in full if
 * the provider's capacity ledger refuses it. Each step is keyed by the fill, so redeliveries move nothing twice.
 */
@ApplicationScoped
public class TradeSettlement {

    private final Leases leases;
    private final int defaultFeeBps;

    public TradeSettlement(Leases leases, @ConfigProperty(name = "flopx.settlement.fee-bps") int defaultFeeBps) {
        this.leases = leases;
        this.defaultFeeBps = defaultFeeBps;
    }

    /** Fills traded: their cost into escrow, in one transaction. */
    public Uni<Void> traded(List<Lease> fills) {
        return leases.trade(fills, defaultFeeBps);
    }

    /**
     * A fill refused by the provider's capacity ledger: all of its cost back to the buyer. The refusal can
     * arrive before the fill (another topic): that fails, for the consumer to try again later.
     */
    public Uni<Void> refused(UUID fillId, String reason, Instant at) {
        return leases.step(fillId, lease -> lease.refund(reason, at))
                .invoke(found -> {
                    if (!found) {
                        throw new FillNotSettledYet(fillId);
                    }
                })
                .replaceWithVoid();
    }

    /** Pays out a round of leases whose hour slots have passed by {@code now}: how many. */
    public Uni<Integer> payOutDue(Instant now, int limit) {
        return leases.payOutDue(now, limit);
    }

    /** One fill's settlement, if the caller is its buyer or provider (or an operator). */
    public Uni<Lease> lease(Caller caller, UUID fillId) {
        return leases.of(fillId)
                .map(found -> found.filter(l -> caller.maySee(l.buyer()) || caller.maySee(l.provider()))
                        .orElseThrow(() -> ApiProblem.notFound("settlement")));
    }

    /** A page of leases the caller bought or provided (operators: anyone's, or {@code tenant}'s). */
    public Uni<List<Lease>> leases(Caller caller, String tenant, UUID orderId, Cursor after, int limit) {
        String whose = caller.operator() ? tenant : caller.tenant();
        return leases.page(whose, orderId, after, limit);
    }

    /** The fee a provider pays on its payouts, in basis points, and whether an operator set it. */
    public Uni<Fee> fee(String tenant) {
        return leases.fee(tenant).map(bps -> new Fee(tenant, bps.orElse(defaultFeeBps), bps.isPresent()));
    }

    /** Sets a provider's fee (null: back to the default). Fills already traded keep the fee they traded at. */
    public Uni<Fee> setFee(Caller operator, String tenant, Integer bps) {
        return leases.setFee(tenant, bps, operator.tenant(), Instant.now()).chain(() -> fee(tenant));
    }

    /** A provider's fee: basis points of each payout the exchange keeps. */
    public record Fee(String tenant, int bps, boolean overridden) {}

    /** A refusal that came before its fill. */
    public static final class FillNotSettledYet extends IllegalStateException {
        FillNotSettledYet(UUID fillId) {
            super("fill " + fillId + " is not settled yet");
        }
    }
}
