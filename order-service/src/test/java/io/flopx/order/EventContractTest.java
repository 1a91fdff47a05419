package io.flopx.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.Contracts;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.FillPolicy;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.TimeInForce;
import io.flopx.order.wire.MarketEvent;
import io.flopx.order.wire.OrderEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** order-service writes order-placed and reads market events exactly as the shared fixtures say. */
@QuarkusTest
class EventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void orderPlacedHasTheFixturesFields() throws Exception {
        ComputeOrder o = new ComputeOrder();
        o.id = UUID.randomUUID();
        o.tenant = "acme-ai";
        o.kind = OrderKind.DEVICES;
        o.models = List.of("H100-SXM5-80GB");
        o.devices = 8;
        o.fillPolicy = FillPolicy.ALL_OR_NONE;
        o.timeInForce = TimeInForce.GOOD_TILL;
        o.goodTill = Instant.parse("2026-12-01T12:00:00Z");
        o.durationHours = 10;
        o.earliestStart = Instant.parse("2026-12-01T08:00:00Z");
        o.latestStart = Instant.parse("2026-12-01T14:00:00Z");
        o.limitPrice = 1600;
        o.currency = "CNY";
        o.allowedHubs = List.of("ningxia", "gansu");
        o.createdAt = Instant.now();
        o.moveTo(OrderStatus.ACCEPTED, null, o.createdAt);
        assertEquals(
                Contracts.fieldNames(mapper, Contracts.fixture(Contracts.ORDER_PLACED)),
                Contracts.fieldNames(
                        mapper, mapper.writeValueAsString(OrderEvent.of(OrderEvent.PLACED, o, Instant.now()))));
    }

    @Test
    void readsAFillRefusal() throws Exception {
        io.flopx.order.wire.LeaseEvent refused =
                mapper.readValue(Contracts.fixture(Contracts.FILL_REFUSED), io.flopx.order.wire.LeaseEvent.class);
        assertEquals(io.flopx.order.wire.LeaseEvent.FILL_REFUSED, refused.type());
        assertEquals(UUID.fromString("f94c4a03-2f2f-836d-9127-b3e50c62b938"), refused.fillId());
    }

    @Test
    void readsAFillAndARestingVerdict() throws Exception {
        MarketEvent fill = mapper.readValue(Contracts.fixture(Contracts.MARKET_FILL), MarketEvent.class);
        assertEquals(MarketEvent.FILL, fill.type());
        assertEquals(8, fill.devices());
        assertEquals(1450, fill.pricePerDeviceHour());
        MarketEvent resting = mapper.readValue(Contracts.fixture(Contracts.MARKET_ORDER_RESTING), MarketEvent.class);
        assertEquals(MarketEvent.ORDER_RESTING, resting.type());
        assertEquals(UUID.fromString("c3a1b2d4-e5f6-4789-8abc-def012345678"), resting.orderId());
    }
}
