package io.flopx.order.service;

import io.flopx.order.domain.BuyingPower;
import io.flopx.order.repository.BuyingPowerStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Who may read which tenant's buying power: enterprises their own, operators anyone's. */
@ApplicationScoped
public class BuyingPowerService {

    private final BuyingPowerStore funds;

    public BuyingPowerService(BuyingPowerStore funds) {
        this.funds = funds;
    }

    /** The caller's own; an operator's choice of tenant, or every tenant's when it names none. */
    public Uni<List<BuyingPower>> visible(String callerTenant, boolean operator, String tenant) {
        return funds.of(operator ? tenant : callerTenant);
    }
}
