package io.flopx.matching.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flopx.matching.service.MarketDataView;
import io.flopx.matching.service.MarketService;
import io.flopx.matching.wire.MarketCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * Market data is conflated to about one publication a second, but the first change after a quiet second goes out
 * at once: before, a listing in a quiet market waited for the next second's publication (0.5 s on average).
 */
class MarketDataPublisherTest {

    private static final String HUB = "ningxia";
    private static final String MODEL = "A800-SXM4-80GB";

    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final MarketService market = new MarketService(json);
    private final RecordingEmitter sent = new RecordingEmitter();

    @Test
    void theFirstChangeOfAQuietSecondIsPublishedAtOnceTheNextOnesAtTheSecond() throws Exception {
        MarketDataPublisher publisher =
                new MarketDataPublisher(market, new MarketDataView(json), sent, json, "http://matcher-1:8083", "1h");

        // A quiet market's scheduled run publishes nothing, and does not hold the next change back.
        publisher.publish().await().indefinitely();
        assertTrue(sent.records.isEmpty(), "published with nothing changed: " + sent.keys());

        list(1450);
        publisher.changed();
        assertTrue(sent.bookWithBestAsk(1450), "the first change was not published at once: " + sent.keys());

        // Within the interval: conflated, left for the scheduled publication.
        int before = sent.records.size();
        list(1400);
        publisher.changed();
        assertEquals(before, sent.records.size(), "published again within the interval: " + sent.keys());

        publisher.publish().await().indefinitely();
        assertTrue(sent.bookWithBestAsk(1400), "the schedule did not publish the change: " + sent.keys());
    }

    @Test
    void offMeansOnlyWhatIsPublishedExplicitly() throws Exception {
        MarketDataPublisher publisher =
                new MarketDataPublisher(market, new MarketDataView(json), sent, json, "http://matcher-1:8083", "off");
        list(1450);
        publisher.changed();
        assertTrue(sent.records.isEmpty(), "published with market data off: " + sent.keys());
    }

    private void list(long price) throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
        String offering = """
                {"eventId":"%s","type":"OFFERING_LISTED","occurredAt":"%s","offeringId":"%s","version":0,"tenant":"prov",
                 "model":"%s","hub":"%s","siteId":"%s","pueMilli":1200,"greenRating":4,"interconnect":"INFINIBAND",
                 "tdpWatts":400,"peakGflops":{"FP16":312000},"devices":4,"availableFrom":"%s",
                 "availableUntil":"%s","pricePerDeviceHour":%d,"currency":"CNY","minLeaseHours":1,
                 "status":"ACTIVE"}""".formatted(
                        UUID.randomUUID(),
                        from,
                        UUID.randomUUID(),
                        MODEL,
                        HUB,
                        UUID.randomUUID(),
                        from,
                        from.plus(1, ChronoUnit.DAYS),
                        price);
        market.apply(json.writeValueAsString(MarketCommand.offering(HUB, offering)), 0);
    }

    /** Keeps what is sent; every send succeeds at once. */
    private static final class RecordingEmitter implements MutinyEmitter<Record<String, String>> {
        final List<Record<String, String>> records = new ArrayList<>();

        boolean bookWithBestAsk(long price) {
            return records.stream()
                    .anyMatch(r -> (HUB + "|" + MODEL + "|CNY").equals(r.key())
                            && r.value().contains("\"bestAsk\":" + price + ","));
        }

        List<String> keys() {
            return records.stream().map(Record::key).toList();
        }

        @Override
        public Uni<Void> send(Record<String, String> payload) {
            return Uni.createFrom().voidItem().invoke(() -> records.add(payload));
        }

        @Override
        public void sendAndAwait(Record<String, String> payload) {
            records.add(payload);
        }

        @Override
        public Cancellable sendAndForget(Record<String, String> payload) {
            records.add(payload);
            return () -> {};
        }

        @Override
        public <M extends Message<? extends Record<String, String>>> void send(M msg) {
            records.add(msg.getPayload());
        }

        @Override
        public <M extends Message<? extends Record<String, String>>> Uni<Void> sendMessage(M msg) {
            return Uni.createFrom().voidItem().invoke(() -> records.add(msg.getPayload()));
        }

        @Override
        public <M extends Message<? extends Record<String, String>>> void sendMessageAndAwait(M msg) {
            records.add(msg.getPayload());
        }

        @Override
        public <M extends Message<? extends Record<String, String>>> Cancellable sendMessageAndForget(M msg) {
            records.add(msg.getPayload());
            return () -> {};
        }

        @Override
        public void complete() {}

        @Override
        public void error(Exception e) {}

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
