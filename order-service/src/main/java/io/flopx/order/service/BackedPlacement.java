package io.flopx.order.service;

import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.VoucherBacking;
import io.flopx.order.domain.VoucherBacking.Moved;
import io.flopx.order.domain.VoucherBacking.Part;
import io.flopx.order.repository.OrderPlacements;
import io.flopx.order.repository.OrderProgressStore;
import io.flopx.order.repository.VoucherStore;
import io.flopx.support.outbox.OutboxEntry;
import io.flopx.support.sql.CommitWithLast.Last;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * A funded placement that looks at compute vouchers: the path a placement takes when its one statement did
 * not hold it (its tenant has vouchers, or not enough money). In one transaction: the tenant's buying power
 * and its vouchers locked, the vouchers that may back the order (VoucherTerms.backs) taken first, soonest to
 * expire first, the rest from its money if that covers it; then the order stored with its hold. Not covered,
 * nothing is held and the order is refused with its shortfall.
 */
@ApplicationScoped
public class BackedPlacement {

    private final OrderProgressStore transactions;
    private final VoucherStore vouchers;
    private final OrderPlacements placements;

    public BackedPlacement(OrderProgressStore transactions, VoucherStore vouchers, OrderPlacements placements) {
        this.transactions = transactions;
        this.vouchers = vouchers;
        this.placements = placements;
    }

    /**
     * @return the order's event as stored, or null when the order was refused (then REJECTED with its
     *     shortfall, for the caller to store)
     */
    Uni<OutboxEntry> place(ComputeOrder o, OutboxEntry event) {
        Instant lastTrade = o.goodTill == null ? o.createdAt : o.goodTill;
        // The tenant's funds stay locked from the first statement to the commit: its funds and vouchers are read
        // together and the order and its holds go out with the commit, so that spans one round trip to this
        // service (the decision here), not four.
        return transactions.inTransactionEndingWith(c -> vouchers.lockFunds(c, o.tenant, o.currency, lastTrade)
                .map(funds -> {
                    List<Part> backing = funds.vouchers().stream()
                            .filter(v -> v.terms().backs(o))
                            .map(v -> new Part(v.terms().id(), v.terms().expiresAt(), v.left()))
                            .toList();
                    List<Moved> taken = VoucherBacking.takeSoonestFirst(backing, o.held);
                    long backed = VoucherBacking.total(taken);
                    long cash = o.held - backed;
                    if (cash > funds.free()) {
                        PreTradeRisk.refuse(o, Math.max(0, funds.free()) + backed);
                        return Last.<OutboxEntry>value(null);
                    }
                    o.voucherHeld = backed;
                    return Last.of(
                            placements.insertHeld(c, o, event),
                            vouchers.holdNew(c, o.id, o.tenant, o.currency, cash, taken));
                }));
    }
}
