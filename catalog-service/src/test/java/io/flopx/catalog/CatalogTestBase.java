package io.flopx.catalog;

import static io.restassured.RestAssured.given;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One real PostgreSQL, Kafka and OIDC server for every catalog test, and the requests they share. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
abstract class CatalogTestBase {

    static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    /** Plain JDBC to the service's database: tests look at tables the API does not show. */
    Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(TestTokens.of(user)).contentType(ContentType.JSON);
    }

    static Map<String, Object> site(String name, String hub, String pue, String rating, String interconnect) {
        Map<String, Object> s = new HashMap<>();
        s.put("name", name);
        s.put("hub", hub);
        s.put("pue", new BigDecimal(pue));
        s.put("greenRating", rating);
        s.put("backboneConnected", true);
        s.put("interconnect", interconnect);
        return s;
    }

    static String createSite(DemoUser provider, String hub, String pue, String rating, String interconnect) {
        return as(provider)
                .body(site("DC-" + UUID.randomUUID(), hub, pue, rating, interconnect))
                .post("/sites")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Map<String, Object> offering(String model, String siteId, int devices, long price) {
        Map<String, Object> o = new HashMap<>();
        o.put("model", model);
        o.put("siteId", siteId);
        o.put("devices", devices);
        o.put("availableFrom", FROM.toString());
        o.put("availableUntil", FROM.plus(72, ChronoUnit.HOURS).toString());
        o.put("pricePerDeviceHour", price);
        o.put("currency", "CNY");
        return o;
    }

    static String createOffering(DemoUser provider, String model, String siteId, int devices, long price) {
        return as(provider)
                .body(offering(model, siteId, devices, price))
                .post("/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Records on offering-events for one offering, in order, waiting until at least {@code count} arrived. */
    List<ConsumerRecord<String, String>> offeringEvents(String offeringId, int count) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> kafka
                                .consumeStrings()
                                .fromTopics("offering-events", Duration.ofSeconds(2))
                                .awaitCompletion(Duration.ofSeconds(10))
                                .getRecords()
                                .stream()
                                .filter(r -> offeringId.equals(r.key()))
                                .toList(),
                        list -> list.size() >= count);
    }

    void publishFill(
            String fillId,
            String offeringId,
            String providerTenant,
            int devices,
            Instant start,
            int hours,
            long price) {
        publishFill(fillId, offeringId, providerTenant, DemoUser.CAROL.tenant(), devices, start, hours, price);
    }

    /** A fill as the matcher publishes it, of {@code offeringId} to {@code buyer}. */
    void publishFill(
            String fillId,
            String offeringId,
            String providerTenant,
            String buyer,
            int devices,
            Instant start,
            int hours,
            long price) {
        String fill = """
                {"eventId":"%s","type":"FILL","occurredAt":"%s","hub":"gansu","orderId":"%s",
                 "enterpriseTenant":"%s","offeringId":"%s","providerTenant":"%s",
                 "model":"H100-SXM5-80GB","devices":%d,"start":"%s","end":"%s","pricePerDeviceHour":%d,
                 "cost":%d,"currency":"CNY"}""".formatted(
                        fillId,
                        Instant.now(),
                        UUID.randomUUID(),
                        buyer,
                        offeringId,
                        providerTenant,
                        devices,
                        start,
                        start.plus(hours, ChronoUnit.HOURS),
                        price,
                        devices * hours * price);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("market-events", "gansu", fill))
                .awaitCompletion();
    }

    /** Devices leased of an offering in one hour slot (0 when none are). */
    int leasedAt(String offering, Instant hour) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(
                        "select leased_devices from capacity_slot where offering_id = ? and slot_hour = ?")) {
            s.setObject(1, UUID.fromString(offering));
            s.setObject(2, java.sql.Timestamp.from(hour));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    boolean conflictExists(String fillId) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement("select 1 from lease_conflict where fill_id = ?")) {
            s.setObject(1, UUID.fromString(fillId));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
