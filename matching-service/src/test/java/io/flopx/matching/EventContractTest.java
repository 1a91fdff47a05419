package io.flopx.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.Contracts;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.wire.MarketCommand;
import io.flopx.matching.wire.MarketEvent;
import io.flopx.matching.wire.OfferingEvent;
import io.flopx.matching.wire.OrderEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * matching-service reads offering-listed and order-placed, and writes fills and verdicts, exactly as the
 * shared fixtures say: the fixtures' own offering and order, matched, give the fixture's fill.
 */
@QuarkusTest
class EventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theFixturesOfferingAndOrderTradeIntoTheFixturesFill() throws Exception {
        OfferingEvent offering = mapper.readValue(Contracts.fixture(Contracts.OFFERING_LISTED), OfferingEvent.class);
        OrderEvent order = mapper.readValue(Contracts.fixture(Contracts.ORDER_PLACED), OrderEvent.class);
        assertEquals(List.of("ningxia", "gansu"), order.allowedHubs());
        assertEquals(9930, offering.reliabilityBps(), "the offering's delivery record");
        assertEquals(9900, order.minReliabilityBps(), "met by the offering's: the fixture order fills");

        MarketService market = new MarketService(mapper);
        market.apply(
                mapper.writeValueAsString(
                        MarketCommand.offering(offering.hub(), Contracts.fixture(Contracts.OFFERING_LISTED))),
                0);
        List<MarketEvent> events = market.apply(
                        mapper.writeValueAsString(MarketCommand.order(
                                Contracts.fixture(Contracts.ORDER_PLACED), List.of(offering.hub()))),
                        0)
                .events();
        assertEquals(1, events.size());
        MarketEvent fill = events.get(0);

        String expected = Contracts.fixture(Contracts.MARKET_FILL);
        assertEquals(
                Contracts.fieldNames(mapper, expected), Contracts.fieldNames(mapper, mapper.writeValueAsString(fill)));
        MarketEvent fixture = mapper.readValue(expected, MarketEvent.class);
        assertEquals(fixture.eventId(), fill.eventId(), "fill ids are derived from what was traded");
        assertEquals(fixture.cost(), fill.cost());
        assertEquals(fixture.start(), fill.start());
        assertEquals(fixture.end(), fill.end());
        assertEquals(fixture.offeringId(), fill.offeringId());
    }

    @Test
    void aVerdictHasTheFixturesFields() throws Exception {
        List<MarketEvent> events = new MarketService(mapper)
                .apply(
                        mapper.writeValueAsString(
                                MarketCommand.order(Contracts.fixture(Contracts.ORDER_PLACED), List.of("ningxia"))),
                        0)
                .events();
        assertEquals(MarketEvent.ORDER_RESTING, events.get(0).type());
        assertEquals(
                Contracts.fieldNames(mapper, Contracts.fixture(Contracts.MARKET_ORDER_RESTING)),
                Contracts.fieldNames(mapper, mapper.writeValueAsString(events.get(0))));
        MarketEvent fixture = mapper.readValue(Contracts.fixture(Contracts.MARKET_ORDER_RESTING), MarketEvent.class);
        assertEquals(fixture.eventId(), events.get(0).eventId(), "verdict ids are derived from the order");
    }
}
