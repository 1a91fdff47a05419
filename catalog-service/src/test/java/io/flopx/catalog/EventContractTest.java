package io.flopx.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Interconnect;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.OfferingStatus;
import io.flopx.catalog.domain.Site;
import io.flopx.catalog.wire.MarketEvent;
import io.flopx.catalog.wire.OfferingEvent;
import io.flopx.embedded.Contracts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** catalog-service writes offering-listed and reads market fills exactly as the shared fixtures say. */
@QuarkusTest
class EventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void offeringListedHasTheFixturesFields() throws Exception {
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.pueMilli = 1250;
        site.greenRating = 4;
        site.interconnect = Interconnect.INFINIBAND;
        Offering o = new Offering();
        o.id = UUID.randomUUID();
        o.tenant = "west-gpu-cloud";
        o.modelId = "H100-SXM5-80GB";
        o.hubId = "ningxia";
        o.siteId = site.id;
        o.devices = 16;
        o.minLeaseHours = 1;
        o.availabilityBps = 9950;
        o.reliabilityBps = 9930;
        o.availableFrom = Instant.parse("2026-12-01T00:00:00Z");
        o.availableUntil = Instant.parse("2026-12-04T00:00:00Z");
        o.pricePerDeviceHour = 1450;
        o.currency = "CNY";
        o.status = OfferingStatus.ACTIVE;
        o.createdAt = Instant.now();
        String written =
                mapper.writeValueAsString(OfferingEvent.of(OfferingEvent.LISTED, o, site, h100(), Instant.now()));
        assertEquals(
                Contracts.fieldNames(mapper, Contracts.fixture(Contracts.OFFERING_LISTED)),
                Contracts.fieldNames(mapper, written));
        assertTrue(written.contains("\"availableFrom\":\"2026-12-01T00:00:00Z\""), written);
    }

    static AcceleratorModel h100() {
        AcceleratorModel m = new AcceleratorModel();
        m.id = "H100-SXM5-80GB";
        m.tdpWatts = 700;
        m.fp16Gflops = 989_400L;
        return m;
    }

    @Test
    void readsAFill() throws Exception {
        MarketEvent fill = mapper.readValue(Contracts.fixture(Contracts.MARKET_FILL), MarketEvent.class);
        assertTrue(fill.isFill());
        assertEquals(116000, fill.cost());
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), fill.end());
        assertEquals("west-gpu-cloud", fill.providerTenant());
    }

    @Test
    void fillRefusedHasTheFixturesFields() throws Exception {
        MarketEvent fill = mapper.readValue(Contracts.fixture(Contracts.MARKET_FILL), MarketEvent.class);
        String written =
                mapper.writeValueAsString(io.flopx.catalog.wire.LeaseEvent.refused(fill, "oversold", Instant.now()));
        assertEquals(
                Contracts.fieldNames(mapper, Contracts.fixture(Contracts.FILL_REFUSED)),
                Contracts.fieldNames(mapper, written));
        assertTrue(written.contains("\"fillId\":\"" + fill.eventId() + "\""), written);
    }

    @Test
    void readsAVerdictWithoutFillFields() throws Exception {
        MarketEvent resting = mapper.readValue(Contracts.fixture(Contracts.MARKET_ORDER_RESTING), MarketEvent.class);
        assertEquals("ORDER_RESTING", resting.type());
    }
}
