package io.flopx.settlement.messaging;

import io.flopx.settlement.service.VoucherSpending;
import io.flopx.settlement.wire.VoucherDrawEvent;
import io.flopx.support.messaging.Patiently;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What fills drew from their buyers' compute vouchers, or gave back when reversed, from {@code voucher-draws}
 * (order-service decides it; see VoucherSpending). A fill's events share its key, so they arrive in order.
 */
@ApplicationScoped
public class VoucherDrawConsumer {

    private final VoucherSpending spending;

    public VoucherDrawConsumer(VoucherSpending spending) {
        this.spending = spending;
    }

    @Incoming("voucher-draws")
    public Uni<Void> onDraw(VoucherDrawEvent event) {
        if (event.fillId() == null
                || event.tenant() == null
                || event.currency() == null
                || event.draws() == null
                || event.draws().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<java.util.UUID, Long> amounts = new LinkedHashMap<>();
        event.draws().forEach(d -> amounts.merge(d.voucherId(), d.amount(), Long::sum));
        VoucherSpending.Use use = new VoucherSpending.Use(
                event.fillId(),
                event.tenant(),
                event.currency(),
                event.hub(),
                event.at() == null ? Instant.now() : event.at(),
                amounts);
        return switch (event.type()) {
            case VoucherDrawEvent.VOUCHER_DRAWN -> Patiently.apply(() -> spending.drawn(use));
            case VoucherDrawEvent.VOUCHER_RETURNED -> Patiently.apply(() -> spending.returned(use));
            default -> Uni.createFrom().voidItem();
        };
    }
}
