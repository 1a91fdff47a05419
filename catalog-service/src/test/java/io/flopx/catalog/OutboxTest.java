package io.flopx.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.InjectKafkaBroker;
import io.flopx.embedded.KafkaBrokerControl;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest extends CatalogTestBase {

    @InjectKafkaBroker
    KafkaBrokerControl broker;

    @Test
    void anOfferingAcceptedWhileKafkaIsDownIsPublishedOnceItIsBack() throws Exception {
        assumeTrue(broker.canRestart(), "needs the embedded broker");
        String site = createSite(DemoUser.ALICE, "ningxia", "1.25", "4A", "INFINIBAND");
        String id;
        broker.stop();
        try {
            id = createOffering(DemoUser.ALICE, "H100-SXM5-80GB", site, 2, 1500);
            // The relay tries at once and on every poll, and fails while the broker is away.
            await().pollDelay(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> unpublished() > 0);
        } finally {
            broker.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished() == 0);
        var events = offeringEvents(id, 1);
        assertTrue(
                events.stream().anyMatch(r -> r.value().contains("\"type\":\"OFFERING_LISTED\"")), events.toString());
        assertEquals(id, events.get(0).key());
    }

    long unpublished() throws SQLException {
        try (Connection c = db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from outbox where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
