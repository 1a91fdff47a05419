package io.flopx.order.messaging;

import io.flopx.order.repository.BuyingPowerStore;
import io.flopx.order.repository.VoucherStore;
import io.flopx.order.wire.FundingEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each tenant's funding and compute vouchers as settlement-service publishes them, for pre-trade risk. Idempotent and
 * order-insensitive (the highest version wins), so redeliveries and a re-read of the compacted topic are
 * harmless.
 */
@ApplicationScoped
public class FundingEventConsumer {

    private final BuyingPowerStore funds;
    private final VoucherStore vouchers;

    public FundingEventConsumer(BuyingPowerStore funds, VoucherStore vouchers) {
        this.funds = funds;
        this.vouchers = vouchers;
    }

    @Incoming("funding-events")
    public Uni<Void> onFunding(FundingEvent event) {
        if (event.tenant() == null || event.currency() == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.isVoucher()) {
            return event.voucherId() == null || event.expiresAt() == null || event.amount() <= 0
                    ? Uni.createFrom().voidItem()
                    : Patiently.apply(() -> vouchers.issued(event.voucher()));
        }
        return Patiently.apply(() ->
                funds.fund(event.tenant(), event.currency(), event.paidIn(), event.creditLimit(), event.version()));
    }
}
