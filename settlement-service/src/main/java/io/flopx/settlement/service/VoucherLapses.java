package io.flopx.settlement.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Expired vouchers' unspent value goes back to their programs every minute (a batch per round). */
@ApplicationScoped
public class VoucherLapses {

    private final VoucherService vouchers;

    public VoucherLapses(VoucherService vouchers) {
        this.vouchers = vouchers;
    }

    @Scheduled(
            every = "${flopx.settlement.voucher-lapse-every:60s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> lapse() {
        return vouchers.lapseExpired(Instant.now(), 200).replaceWithVoid();
    }
}
