package io.flopx.order.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.order.CatalogStubResource;
import io.flopx.order.OrderDatabase;
import io.flopx.support.outbox.OutboxSchedule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Published outbox rows older than flopx.outbox.keep-published (1 h) are deleted; newer and unpublished stay. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(CatalogStubResource.class)
class OutboxPurgeTest {

    @Inject
    OutboxSchedule outbox;

    @Test
    void publishedRowsOlderThanTheKeepWindowAreDeleted() throws Exception {
        try (Connection c = connect()) {
            insert(c, "purge-old", "now() - interval '3 hours'", "now() - interval '2 hours'");
            insert(c, "purge-recent", "now() - interval '2 minutes'", "now() - interval '1 minute'");
            insert(c, "purge-unpublished", "now() - interval '3 hours'", "null");
        }
        outbox.purge().await().atMost(Duration.ofSeconds(30));
        try (Connection c = connect()) {
            assertEquals(0, rows(c, "purge-old"), "published two hours ago: deleted");
            assertEquals(1, rows(c, "purge-recent"), "published a minute ago: kept");
            assertEquals(1, rows(c, "purge-unpublished"), "never deleted before it is published");
        }
    }

    private static void insert(Connection c, String key, String createdAt, String publishedAt) throws Exception {
        try (PreparedStatement s =
                c.prepareStatement("insert into outbox (topic, record_key, payload, created_at, published_at) "
                        + "values ('order-events', ?, '{}', " + createdAt + ", " + publishedAt + ")")) {
            s.setString(1, key);
            s.executeUpdate();
        }
    }

    private static long rows(Connection c, String key) throws Exception {
        try (PreparedStatement s = c.prepareStatement("select count(*) from outbox where record_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws Exception {
        return OrderDatabase.connect();
    }
}
