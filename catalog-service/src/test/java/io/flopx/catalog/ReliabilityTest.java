package io.flopx.catalog;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.catalog.service.RatingsDue;
import io.flopx.catalog.service.Rerating;
import io.flopx.catalog.wire.DeliveryEvent;
import io.flopx.embedded.Contracts;
import io.flopx.embedded.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Reliability from leases' delivery summaries on delivery-events (real Kafka and PostgreSQL): per provider and
 * per site, the newest summary of a lease counting, shown to the provider, to operators, and (unnamed) in
 * search; a site nobody judged has no history, not a perfect score. Offerings carry their site's record (their
 * provider's while the site has none) as new versions on offering-events, re-rated in rounds (run here by the
 * test: the schedule is off in tests, so other tests' offerings keep their versions).
 */
@QuarkusTest
class ReliabilityTest extends CatalogTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Rerating rerating;

    @Inject
    RatingsDue ratingsDue;

    @Test
    void catalogReadsTheLeaseDeliveryFixture() throws Exception {
        DeliveryEvent e = json.findAndRegisterModules()
                .readValue(Contracts.fixture(Contracts.LEASE_DELIVERY), DeliveryEvent.class);
        assertTrue(e.isSummary(), e.toString());
    }

    @Test
    void summariesAddUpToAScorePerProviderAndSiteAndSearchShowsThem() throws Exception {
        String site = createSite(DemoUser.ALICE, "inner-mongolia", "1.15", "5A", "INFINIBAND");
        String offering = as(DemoUser.ALICE)
                .body(offering("H100-SXM5-80GB", site, 8, 1234))
                .post("/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String lease = UUID.randomUUID().toString();
        // An older summary after a newer one changes nothing: 6 of 16 device-hours delivered stands.
        Instant at = Instant.now();
        publish(summary(lease, offering, at, 16, 6));
        publish(summary(lease, offering, at.minusSeconds(60), 16, 16));
        publish(summary(UUID.randomUUID().toString(), offering, at, 8, 8));
        // 14 of 24 judged device-hours delivered: 5833 bps; one of two leases with an upheld dispute.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(DemoUser.ALICE)
                        .get("/reliability")
                        .then()
                        .statusCode(200)
                        .body("find { it.siteId == '" + site + "' }.reliability.scoreBps", equalTo(5833))
                        .body("find { it.siteId == '" + site + "' }.reliability.leases", equalTo(2)));
        as(DemoUser.ALICE)
                .get("/reliability")
                .then()
                .body("find { it.siteId == '" + site + "' }.reliability.state", equalTo("RATED"))
                .body("find { it.siteId == '" + site + "' }.reliability.disputeRateBps", equalTo(5_000))
                .body("find { it.siteId == '" + site + "' }.reliability.outageMinutes", equalTo(60))
                .body("find { it.siteId == null }.provider", equalTo(DemoUser.ALICE.tenant()));
        as(DemoUser.OLIVIA)
                .get("/reliability")
                .then()
                .statusCode(200)
                .body("find { it.siteId == '" + site + "' }.provider", equalTo(DemoUser.ALICE.tenant()));
        // Another provider sees only its own; buyers see scores in search, unnamed.
        as(DemoUser.BOB)
                .get("/reliability")
                .then()
                .statusCode(200)
                .body("findAll { it.provider == '" + DemoUser.ALICE.tenant() + "' }.size()", equalTo(0));
        as(DemoUser.CAROL).get("/reliability").then().statusCode(403);
        as(DemoUser.CAROL)
                .get("/offerings/search?hub=inner-mongolia&maxPricePerDeviceHour=1234&size=100")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + offering + "' }.siteReliability.scoreBps", equalTo(5833))
                .body("items.find { it.id == '" + offering + "' }.providerReliability.state", equalTo("RATED"));

        // A new site nobody has judged: no history, no score.
        String fresh = createSite(DemoUser.ALICE, "inner-mongolia", "1.15", "5A", "INFINIBAND");
        String unrated = as(DemoUser.ALICE)
                .body(offering("H100-SXM5-80GB", fresh, 8, 1233))
                .post("/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.CAROL)
                .get("/offerings/search?hub=inner-mongolia&maxPricePerDeviceHour=1234&size=100")
                .then()
                .body("items.find { it.id == '" + unrated + "' }.siteReliability.state", equalTo("NO_HISTORY"))
                .body("items.find { it.id == '" + unrated + "' }.siteReliability.scoreBps", nullValue());
    }

    @Test
    void offeringsCarryTheirSitesRecordOrTheirProvidersAsNewVersionsAndSearchCanAskForOne() throws Throwable {
        String hub = "gansu";
        String proven = createSite(DemoUser.ALICE, hub, "1.2", "4A", "INFINIBAND");
        String unjudged = createSite(DemoUser.ALICE, hub, "1.2", "4A", "INFINIBAND");
        String provenOffering = createOffering(DemoUser.ALICE, "H100-SXM5-80GB", proven, 8, 1311);
        String inheriting = createOffering(DemoUser.ALICE, "H100-SXM5-80GB", unjudged, 8, 1311);
        String newcomer = createOffering(
                DemoUser.BOB, "H100-SXM5-80GB", createSite(DemoUser.BOB, hub, "1.2", "4A", "INFINIBAND"), 8, 1311);
        publish(summary(UUID.randomUUID().toString(), provenOffering, Instant.now(), 100, 99));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(DemoUser.ALICE)
                        .get("/reliability")
                        .then()
                        .body("find { it.siteId == '" + proven + "' }.reliability.scoreBps", equalTo(9900)));
        int providerScore = as(DemoUser.ALICE)
                .get("/reliability")
                .then()
                .extract()
                .path("find { it.siteId == null }.reliability.scoreBps");

        VertxContextSupport.subscribeAndAwait(rerating::round);
        as(DemoUser.ALICE)
                .get("/offerings/" + provenOffering)
                .then()
                .body("reliabilityBps", equalTo(9900))
                .body("version", equalTo(1));
        // A site without history takes its provider's record.
        as(DemoUser.ALICE).get("/offerings/" + inheriting).then().body("reliabilityBps", equalTo(providerScore));
        as(DemoUser.BOB).get("/offerings/" + newcomer).then().body("reliabilityBps", nullValue());
        List<ConsumerRecord<String, String>> events = offeringEvents(provenOffering, 2);
        JsonNode rerated = json.readTree(events.get(1).value());
        assertEquals("OFFERING_AMENDED", rerated.get("type").asText(), "the matcher's way to hear of it");
        assertEquals(9900, rerated.get("reliabilityBps").asInt());
        assertEquals(1, rerated.get("version").asLong());

        String search = "/offerings/search?hub=" + hub + "&maxPricePerDeviceHour=1311&size=100&minReliability=";
        as(DemoUser.CAROL)
                .get(search + "9900")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(provenOffering))
                .body("items.id", not(hasItem(newcomer)))
                .body("items.find { it.id == '" + provenOffering + "' }.reliabilityBps", equalTo(9900));
        as(DemoUser.CAROL).get(search + "9901").then().body("items.id", not(hasItem(provenOffering)));
        as(DemoUser.CAROL).get(search + "0").then().body("items.id", not(hasItem(newcomer)));
        as(DemoUser.CAROL)
                .get(search + "10001")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("minReliability"));

        // A round with nothing changed publishes nothing (marked due, so it does look).
        ratingsDue.mark();
        VertxContextSupport.subscribeAndAwait(rerating::round);
        as(DemoUser.ALICE)
                .get("/offerings/" + provenOffering)
                .then()
                .body("version", equalTo(1)); // an unchanged record is not a new version

        // A new listing at the rated site gets its record in the next round, with no new delivery summary.
        String listedLater = createOffering(DemoUser.ALICE, "H100-SXM5-80GB", proven, 4, 1311);
        VertxContextSupport.subscribeAndAwait(rerating::round);
        as(DemoUser.ALICE).get("/offerings/" + listedLater).then().body("reliabilityBps", equalTo(9900));
    }

    private String summary(String lease, String offering, Instant at, long judged, long delivered) throws Exception {
        ObjectNode e = (ObjectNode) json.readTree(Contracts.fixture(Contracts.LEASE_DELIVERY));
        e.put("fillId", lease);
        e.put("offeringId", offering);
        e.put("provider", DemoUser.ALICE.tenant());
        e.put("at", at.toString());
        e.put("end", Instant.now().plus(Duration.ofHours(1)).toString());
        e.put("judgedDeviceHours", judged);
        e.put("deliveredDeviceHours", delivered);
        e.put("outageMinutes", 30);
        e.put("disputesUpheld", judged == 16 ? 1 : 0);
        return e.toString();
    }

    private void publish(String event) throws Exception {
        String key = json.readTree(event).get("fillId").asText();
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("delivery-events", key, event))
                .awaitCompletion();
    }
}
